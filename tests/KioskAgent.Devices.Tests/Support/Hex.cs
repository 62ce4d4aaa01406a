using System.Buffers;

namespace KioskAgent.Devices.Tests.Support;

/// <summary>Byte vectors as the protocol manuals print them: "10 04 01".</summary>
public static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    /// <summary>The same bytes as a multi-segment sequence cut at the given offsets.</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] bytes, params int[] cuts)
    {
        var bounds = cuts.Where(c => c > 0 && c < bytes.Length).Distinct().Order().Append(bytes.Length).ToArray();
        Segment? first = null;
        Segment? last = null;
        var start = 0;
        foreach (var end in bounds)
        {
            var segment = new Segment(bytes.AsMemory(start, end - start));
            if (last is null)
            {
                first = segment;
            }
            else
            {
                last.Append(segment);
            }

            last = segment;
            start = end;
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    /// <summary>Every way of cutting the bytes once, plus one byte per segment: the chunkings a serial port produces.</summary>
    public static IEnumerable<ReadOnlySequence<byte>> EveryChunking(byte[] bytes)
    {
        yield return new ReadOnlySequence<byte>(bytes);
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            yield return Segmented(bytes, cut);
        }

        yield return Segmented(bytes, Enumerable.Range(1, Math.Max(0, bytes.Length - 1)).ToArray());
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public void Append(Segment next)
        {
            next.RunningIndex = RunningIndex + Memory.Length;
            Next = next;
        }
    }
}
