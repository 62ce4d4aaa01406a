using System.Buffers;

namespace KioskAgent.Devices.Codecs;

/// <summary>
/// A pure frame parser: looks for one message in the bytes received so far, never touches I/O.
/// </summary>
/// <remarks>
/// Contract (the System.IO.Pipelines convention):
/// <list type="bullet">
/// <item>Returns true with the message and <c>consumed</c> just past it. Bytes before it that
/// cannot start a frame (garbage, unsolicited noise) are consumed too.</item>
/// <item>Returns false when more bytes are needed: <c>consumed</c> marks what can be dropped
/// (garbage), <c>examined</c> how far it looked.</item>
/// <item>A frame that is complete but wrong (bad checksum) is dropped by consuming its first byte, so the
/// search resumes inside it: the reader resynchronises on its own.</item>
/// </list>
/// </remarks>
public interface IMessageReader<TMessage>
{
    bool TryParseMessage(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out TMessage message);
}
