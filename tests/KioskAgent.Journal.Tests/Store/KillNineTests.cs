using System.Collections.Concurrent;
using System.Diagnostics;
using KioskAgent.Journal.Store;
using KioskAgent.Journal.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace KioskAgent.Journal.Tests.Store;

/// <summary>
/// A child process records restarts the way the supervisor does and prints each phase the journal acknowledged;
/// it is killed (SIGKILL) at a random moment. The next open must hold every acknowledged phase and mark the
/// restart it was in the middle of interrupted. KIOSK_KILL9_RUNS sets the number of kills (default 3).
/// </summary>
public sealed class KillNineTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killed_mid_restart_no_acknowledged_phase_is_lost_and_the_unfinished_restart_is_marked_interrupted()
    {
        var runs = int.TryParse(Environment.GetEnvironmentVariable("KIOSK_KILL9_RUNS"), out var wanted) && wanted > 0 ? wanted : 3;
        var seed = Environment.TickCount;
        var random = new Random(seed);
        using var directory = new TempDirectory();
        var path = directory.File("journal.db");
        long acknowledged = 0, missing = 0, interrupted = 0;

        for (var run = 0; run < runs; run++)
        {
            var acks = await RunAndKillAsync(path, random.Next(), TimeSpan.FromMilliseconds(random.Next(0, 400)));
            Assert.NotEmpty(acks);
            acknowledged += acks.Count;

            // The next start of the agent: opening the journal marks what the dead one left unfinished.
            await using (var rig = new JournalRig(directory: directory, time: TimeProvider.System))
            {
                Assert.False(rig.Journal.Health.IsDegraded, rig.Journal.Health.Reason);
            }

            using var connection = JournalRig.Connect(path);
            foreach (var (operation, phase) in acks)
            {
                if (Count(connection, "SELECT COUNT(*) FROM restart_phases WHERE operation_id = $op AND phase = $phase;", operation, phase) != 1)
                {
                    missing++;
                    output.WriteLine($"run {run}: acknowledged {operation} {phase} is missing");
                }
            }

            Assert.Equal(0, Count(connection, "SELECT COUNT(*) FROM restart_operations WHERE outcome IS NULL;"));
            Assert.Equal(0, Count(connection, "SELECT COUNT(*) FROM (SELECT operation_id FROM restart_phases WHERE phase = 'interrupted' GROUP BY operation_id HAVING COUNT(*) > 1);"));
            // The helper runs one restart at a time: at most one was in flight, and it is the only one marked.
            // It is the last acknowledged one, or one whose 'requested' was committed but not yet acknowledged.
            var marked = Count(connection, "SELECT COUNT(*) FROM restart_operations WHERE outcome = 'interrupted';") - interrupted;
            Assert.InRange(marked, 0, 1);
            var lastOperation = acks[^1].Operation;
            if (acks.Any(a => a.Operation == lastOperation && a.Phase is "completed" or "failed" or "timeout"))
            {
                Assert.Equal(0, Count(connection, "SELECT COUNT(*) FROM restart_operations WHERE outcome = 'interrupted' AND operation_id = $op;", lastOperation));
            }

            interrupted += marked;
        }

        output.WriteLine($"kill -9 ×{runs} (seed {seed}): acknowledged {acknowledged}, missing {missing}, interrupted {interrupted}");
        Assert.Equal(0, missing);
    }

    /// <summary>Starts the helper, lets it write for a while after its first acknowledgement, kills it; returns what it acknowledged.</summary>
    private static async Task<List<(string Operation, string Phase)>> RunAndKillAsync(string path, int seed, TimeSpan writeFor)
    {
        // Run with the test assembly's dependency graph: it holds the helper and everything the helper loads.
        var output = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "exec",
                     "--runtimeconfig", Path.Combine(output, "KioskAgent.Journal.Tests.runtimeconfig.json"),
                     "--depsfile", Path.Combine(output, "KioskAgent.Journal.Tests.deps.json"),
                     Path.Combine(output, "KioskAgent.Journal.CrashHelper.dll"), path, seed.ToString(),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var lines = new ConcurrentQueue<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Enqueue(e.Data);
            }
        };
        process.Start();
        try
        {
            process.BeginOutputReadLine();
            var errors = process.StandardError.ReadToEndAsync();
            await Eventually.TrueAsync(() => lines.Any(l => l.StartsWith("ACK ", StringComparison.Ordinal)) || process.HasExited, "the helper's first acknowledgement", TimeSpan.FromSeconds(30));
            if (process.HasExited)
            {
                Assert.Fail($"The helper ended by itself: {await errors}");
            }

            await Task.Delay(writeFor);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.NotEqual(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                // A failed assertion must not leave the writer running.
                process.Kill(entireProcessTree: true);
            }
        }

        // Only whole lines count: the last one may have been cut by the kill.
        return lines.Select(l => l.Split(' ')).Where(p => p.Length == 3 && p[0] == "ACK" && Guid.TryParse(p[1], out _) && IsPhase(p[2]))
            .Select(p => (p[1], Word(p[2]))).ToList();
    }

    private static bool IsPhase(string name) => Enum.TryParse<KioskAgent.Devices.Runtime.RestartPhase>(name, out _);

    private static string Word(string name) => Words.Of(Enum.Parse<KioskAgent.Devices.Runtime.RestartPhase>(name));

    private static long Count(SqliteConnection connection, string sql, string? operation = null, string? phase = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (operation is not null)
        {
            command.Parameters.AddWithValue("$op", operation);
        }

        if (phase is not null)
        {
            command.Parameters.AddWithValue("$phase", phase);
        }

        return Convert.ToInt64(command.ExecuteScalar());
    }
}
