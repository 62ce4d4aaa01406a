using System.Runtime.InteropServices;
using KioskAgent.Memory;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAgent.Tests;

/// <summary>The native heap trim on this machine's glibc (Debian, as in CI), and the trimmer's schedule.</summary>
public sealed class NativeHeapTests
{
    [Fact]
    public void TrimGivesFragmentedFreePagesBack()
    {
        Assert.True(NativeHeap.IsAvailable, "the tests run on glibc Linux");

        // 48 MB of 1 KB blocks with one in 64 kept: free space below live blocks, which glibc keeps until trimmed.
        const int blocks = 48 * 1024;
        var kept = new List<nint>();
        long beforeTrim = 0, afterTrim = 0;
        var worker = new Thread(() =>
        {
            var all = new nint[blocks];
            for (var i = 0; i < blocks; i++)
            {
                all[i] = Marshal.AllocHGlobal(1024);
                Marshal.WriteByte(all[i], 0x5A); // touched: the page is resident
            }

            for (var i = 0; i < blocks; i++)
            {
                if (i % 64 == 63) { kept.Add(all[i]); } else { Marshal.FreeHGlobal(all[i]); }
            }

            beforeTrim = AnonymousKb();
            Assert.True(NativeHeap.Trim());
            afterTrim = AnonymousKb();
        });
        worker.Start();
        worker.Join();
        kept.ForEach(Marshal.FreeHGlobal);

        Assert.True(beforeTrim - afterTrim >= 16 * 1024, $"RssAnon {beforeTrim} -> {afterTrim} KB");
    }

    [Fact]
    public void GlibcAcceptsAnArenaLimit()
    {
        // 16 = glibc's own default on this 2-core machine (8 per core): the test process keeps its behaviour.
        Assert.True(NativeHeap.LimitArenas(16));
    }

    [Fact]
    public async Task TrimsOnItsInterval()
    {
        using var trimmer = new NativeHeapTrimmer(new NativeHeapOptions { TrimInterval = TimeSpan.FromSeconds(1), Arenas = 0 },
            TimeProvider.System, NullLogger<NativeHeapTrimmer>.Instance);
        await trimmer.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (trimmer.Trims < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await trimmer.StopAsync(CancellationToken.None);
        Assert.True(trimmer.Trims >= 2, $"{trimmer.Trims} trims");
    }

    [Fact]
    public async Task ZeroIntervalTurnsTrimmingOff()
    {
        using var trimmer = new NativeHeapTrimmer(new NativeHeapOptions { TrimInterval = TimeSpan.Zero, Arenas = 0 },
            TimeProvider.System, NullLogger<NativeHeapTrimmer>.Instance);
        await trimmer.StartAsync(CancellationToken.None);
        await trimmer.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
        await trimmer.StopAsync(CancellationToken.None);
        Assert.Equal(0, trimmer.Trims);
    }

    private static long AnonymousKb() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("RssAnon:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
}
