using System.Buffers;
using KioskAgent.Devices.Codecs;

namespace KioskAgent.Devices.Tests.Support;

/// <summary>Drives an <see cref="IMessageReader{T}"/> the way LinkSession does, over bytes arriving in chunks.</summary>
public static class FrameFeeder
{
    /// <summary>Feeds the chunks one after the other, collecting every message the reader returns.</summary>
    public static List<T> Feed<T>(IMessageReader<T> reader, IEnumerable<byte[]> chunks)
    {
        var messages = new List<T>();
        var pending = new List<byte>();
        foreach (var chunk in chunks)
        {
            pending.AddRange(chunk);
            while (true)
            {
                var buffer = new ReadOnlySequence<byte>(pending.ToArray());
                var consumed = buffer.Start;
                var examined = buffer.End;
                var found = reader.TryParseMessage(buffer, ref consumed, ref examined, out var message);
                var used = (int)buffer.Slice(0, consumed).Length;
                pending.RemoveRange(0, used);
                if (!found)
                {
                    break;
                }

                messages.Add(message);
            }
        }

        return messages;
    }

    /// <summary>One byte at a time.</summary>
    public static List<T> FeedBytewise<T>(IMessageReader<T> reader, byte[] bytes) =>
        Feed(reader, bytes.Select(b => new[] { b }));

    /// <summary>Split in two at <paramref name="offset"/>.</summary>
    public static List<T> FeedSplit<T>(IMessageReader<T> reader, byte[] bytes, int offset) =>
        Feed(reader, [bytes[..offset], bytes[offset..]]);
}
