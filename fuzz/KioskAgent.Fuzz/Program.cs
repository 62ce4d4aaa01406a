using System.Buffers;
using KioskAgent.Devices.BillReader.Ssp;
using KioskAgent.Devices.Codecs;
using KioskAgent.Devices.Dispenser.K720;
using KioskAgent.Devices.Power.Kmtronic;
using KioskAgent.Devices.Printer.EscPos;
using KioskAgent.Devices.Scanner.Ssi;
using KioskAgent.Devices.Tpv.Zvt;
using SharpFuzz;

// One codec reader per run, named by the first argument. The first input byte chooses where the bytes are cut in two
// segments (a serial port delivers them in pieces); the rest is parsed until the reader needs more. A crash is any
// exception, a message that fails the codec's own check, or a call that returns a message without consuming a byte.
var codec = args.Length == 1 ? args[0] : throw new ArgumentException("usage: KioskAgent.Fuzz <escpos|kmtronic|k720|ssi|zvt|ssp>");
Action<byte[]> target = codec switch
{
    "escpos" => bytes => Harness.Parse(EscPosReplyReader.Instance, bytes, m => m.IsAutomaticStatus ? EscPosReply.IsAsbFirstByte(m.AsbByte(0)) : EscPosReply.IsRealTimeByte(m.RealTime)),
    "kmtronic" => bytes => Harness.Parse(KmtronicFrameReader.Replies, bytes, m => m.Channel is >= 1 and <= KmtronicFrame.MaxChannel && m.Value <= 1),
    "ssi" => bytes => Harness.Parse(SsiPacketReader.FromDecoder, bytes, m => SsiPacketReader.FromDecoder.Inspect(m.Encode(), out _) == SsiFrameCheck.Valid),
    "zvt" => bytes => Harness.Parse(ZvtBlockReader.Default, bytes, m => m.Kind != ZvtBlockKind.Frame || m.Apdu.Length <= ZvtBlockReader.MaxApduLength),
    "k720" => bytes => Harness.Parse(K720FrameReader.Replies, bytes, m => m.Kind is K720Control.Stx or K720Control.Ack or K720Control.Nak && K720Address.IsDigit(m.Address.High)),
    "ssp" => bytes => Harness.Parse(SspFrameReader.Instance, bytes, m => m.Data.Length is >= 1 and <= SspFrame.MaxDataLength),
    _ => throw new ArgumentException($"unknown codec '{codec}'"),
};

Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    target(memory.ToArray());
});

internal static class Harness
{
    public static void Parse<T>(IMessageReader<T> reader, byte[] input, Func<T, bool> valid)
    {
        if (input.Length == 0)
        {
            return;
        }

        var bytes = input[1..];
        var cut = bytes.Length == 0 ? 0 : input[0] % (bytes.Length + 1);
        var sequence = Split(bytes, cut);
        for (var calls = 0; calls < 100_000; calls++)
        {
            var consumed = sequence.Start;
            var examined = sequence.End;
            if (!reader.TryParseMessage(sequence, ref consumed, ref examined, out var message))
            {
                return;
            }

            if (sequence.Slice(0, consumed).Length == 0)
            {
                throw new InvalidOperationException("a message without consuming a byte");
            }

            if (!valid(message))
            {
                throw new InvalidOperationException($"a message that fails the codec's own check: {message}");
            }

            sequence = sequence.Slice(consumed);
        }

        throw new InvalidOperationException("100,000 messages from one input: the reader does not advance");
    }

    private static ReadOnlySequence<byte> Split(byte[] bytes, int cut)
    {
        if (cut <= 0 || cut >= bytes.Length)
        {
            return new ReadOnlySequence<byte>(bytes);
        }

        var first = new Segment(bytes.AsMemory(0, cut), 0);
        var second = first.Append(bytes.AsMemory(cut));
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
