using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using CsCheck;
using KioskAgent.Devices.Codecs;
using KioskAgent.Devices.Tests.Support;

namespace KioskAgent.ProofTests.Codecs;

/// <summary>One codec under test: its reader, how its valid frames are made, and how a returned message is checked.</summary>
/// <param name="Name">For the figure line.</param>
/// <param name="Reader">The real reader the driver uses.</param>
/// <param name="Frame">Builds a valid frame from generated content bytes.</param>
/// <param name="Encode">The canonical wire bytes of a returned message (null for a documented non-frame outcome, e.g. ZVT's CorruptFrame).</param>
/// <param name="Valid">The codec's own rule for a message it may return.</param>
public sealed record Codec<T>(string Name, IMessageReader<T> Reader, Func<byte[], byte[]> Frame, Func<T, byte[]?> Encode, Func<T, bool> Valid);

/// <summary>What one run of a codec's property measured.</summary>
/// <param name="Inputs">Generated streams parsed.</param>
/// <param name="Calls">Calls of TryParseMessage.</param>
/// <param name="Messages">Messages returned.</param>
/// <param name="ValidInserted">Valid frames put into the streams.</param>
/// <param name="ValidFound">Of those, returned (a truncated frame right before one may legitimately swallow it).</param>
/// <param name="DocumentedOther">Documented non-frame outcomes (ZVT CorruptFrame).</param>
/// <param name="Bad">Messages that failed the codec's check or were not a contiguous run of the input.</param>
/// <param name="MaxCallMs">The slowest single call as measured in the run (includes GC pauses and preemption by parallel tests).</param>
/// <param name="MaxRetimedMs">Every input with a call over 1 ms, parsed again alone five times: the slowest of their best times, the codec's own cost.</param>
/// <param name="Retimed">How many inputs were re-timed.</param>
/// <param name="BytesFed">Bytes parsed in all.</param>
public sealed record CodecFigures(long Inputs, long Calls, long Messages, long ValidInserted, long ValidFound, long DocumentedOther, long Bad, double MaxCallMs, double MaxRetimedMs, int Retimed, long BytesFed);

/// <summary>
/// Drives a reader the way LinkSession does over generated streams of valid frames, corrupted frames (one bit flipped),
/// truncated frames and garbage, split into two segments at a generated point. Invariants: it never throws (no reader
/// documents an exception), every call that returns a message consumes bytes, and every message it returns passes the
/// codec's own check and is, byte for byte, a contiguous run of the input (no frame stitched from bytes that were not
/// adjacent, no frame made up).
/// </summary>
public static class CodecHarness
{
    private enum Piece
    {
        Valid,
        Corrupt,
        Truncated,
        Garbage,
    }

    public static CodecFigures Run<T>(Codec<T> codec, int iterations, int maxContent)
    {
        var piece = Gen.Select(Gen.Enum<Piece>(), Gen.Byte.Array[1, maxContent], Gen.Int[0, 1 << 20]);
        var input = Gen.Select(piece.Array[1, 8], Gen.Int[0, 1 << 20]);
        long inputs = 0, calls = 0, messages = 0, inserted = 0, found = 0, other = 0, bad = 0, fed = 0;
        long maxTicks = 0;
        var failures = new ConcurrentBag<string>();
        var slow = new ConcurrentBag<(byte[] Bytes, int Cut)>();
        var oneMs = Stopwatch.Frequency / 1000;

        // Warm-up: the JIT's first compilations are not the codec's speed.
        input.Sample((pieces, cut) => Parse(codec, Build(codec, pieces, out _), cut, out _, out _, out _, out _), iter: 2_000);

        input.Sample((pieces, cut) =>
        {
            var bytes = Build(codec, pieces, out var validFrames);
            var result = Parse(codec, bytes, cut, out var returned, out var callCount, out var slowest, out var problems);
            Interlocked.Increment(ref inputs);
            Interlocked.Add(ref calls, callCount);
            Interlocked.Add(ref messages, returned.Count);
            Interlocked.Add(ref inserted, validFrames.Count);
            Interlocked.Add(ref fed, bytes.Length);
            Interlocked.Add(ref found, validFrames.Count(f => returned.Any(r => r.AsSpan().SequenceEqual(f))));
            Interlocked.Add(ref other, result);
            Interlocked.Add(ref bad, problems.Count);
            foreach (var problem in problems.Take(3))
            {
                failures.Add($"{problem} in {Convert.ToHexString(bytes)} cut at {cut % (bytes.Length + 1)}");
            }

            if (slowest > oneMs && slow.Count < 200)
            {
                slow.Add((bytes, cut));
            }

            long seen;
            while (slowest > (seen = Interlocked.Read(ref maxTicks)) && Interlocked.CompareExchange(ref maxTicks, slowest, seen) != seen)
            {
            }
        }, iter: iterations);

        Assert.True(failures.IsEmpty, $"{codec.Name}: {failures.Count} bad results, e.g.{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(5))}");
        var retimed = slow.Select(input => Enumerable.Range(0, 5).Min(attempt =>
        {
            Parse(codec, input.Bytes, input.Cut, out _, out _, out var ticks, out _);
            return ticks;
        })).DefaultIfEmpty(0).Max();
        return new CodecFigures(inputs, calls, messages, inserted, found, other, bad, maxTicks * 1000.0 / Stopwatch.Frequency, retimed * 1000.0 / Stopwatch.Frequency, slow.Count, fed);
    }

    private static byte[] Build<T>(Codec<T> codec, (Piece Kind, byte[] Content, int Where)[] pieces, out List<byte[]> validFrames)
    {
        var stream = new List<byte>();
        validFrames = [];
        foreach (var (kind, content, where) in pieces)
        {
            switch (kind)
            {
                case Piece.Valid:
                    var frame = codec.Frame(content);
                    validFrames.Add(frame);
                    stream.AddRange(frame);
                    break;
                case Piece.Corrupt:
                    var corrupt = codec.Frame(content);
                    corrupt[where % corrupt.Length] ^= (byte)(1 << (where % 8));
                    stream.AddRange(corrupt);
                    break;
                case Piece.Truncated:
                    var whole = codec.Frame(content);
                    stream.AddRange(whole.AsSpan(0, where % whole.Length).ToArray());
                    break;
                default:
                    stream.AddRange(content);
                    break;
            }
        }

        return [.. stream];
    }

    /// <summary>Parses until the reader needs more; returns the count of documented non-frame outcomes.</summary>
    private static int Parse<T>(Codec<T> codec, byte[] bytes, int cut, out List<byte[]> returned, out int calls, out long slowestTicks, out List<string> problems)
    {
        returned = [];
        problems = [];
        calls = 0;
        slowestTicks = 0;
        var documented = 0;
        var sequence = Hex.Segmented(bytes, cut % (bytes.Length + 1));
        var offset = 0L;
        while (calls < 10_000)
        {
            var consumed = sequence.Start;
            var examined = sequence.End;
            var started = Stopwatch.GetTimestamp();
            var ok = codec.Reader.TryParseMessage(sequence, ref consumed, ref examined, out var message);
            slowestTicks = Math.Max(slowestTicks, Stopwatch.GetTimestamp() - started);
            calls++;
            var used = sequence.Slice(0, consumed).Length;
            if (!ok)
            {
                break;
            }

            if (used == 0)
            {
                problems.Add($"{codec.Name}: a message without consuming a byte");
                break;
            }

            if (!codec.Valid(message))
            {
                problems.Add($"{codec.Name}: returned {message}, which fails its own check");
            }
            else if (codec.Encode(message) is not { } wire)
            {
                documented++;
            }
            else
            {
                var window = bytes.AsSpan((int)offset, (int)used);
                if (window.IndexOf(wire) < 0)
                {
                    problems.Add($"{codec.Name}: returned {message} ({Convert.ToHexString(wire)}), not a contiguous run of the consumed bytes");
                }

                returned.Add(wire);
            }

            offset += used;
            sequence = sequence.Slice(consumed);
        }

        return documented;
    }
}
