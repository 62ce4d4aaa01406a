using Xunit.Abstractions;

namespace KioskAgent.ProofTests.Support;

/// <summary>
/// A suite's measured figure, printed where a reader of the CI log finds it: the test's output (TRX), the console,
/// and, when <c>KIOSK_FIGURES_FILE</c> is set (.ci/run sets it), one line appended to that file, which .ci/run prints.
/// </summary>
public static class Figure
{
    private static readonly Lock Gate = new();

    public static void Print(ITestOutputHelper output, string suite, string figure)
    {
        var line = $"[figure] {suite}: {figure}";
        output.WriteLine(line);
        Console.WriteLine(line);
        if (Environment.GetEnvironmentVariable("KIOSK_FIGURES_FILE") is { Length: > 0 } path)
        {
            lock (Gate)
            {
                File.AppendAllText(path, line + Environment.NewLine);
            }
        }
    }

    /// <summary>The value at the given percentile (nearest rank) of a non-empty sample.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>Trait of suites too slow for CI; .ci/run filters them out with <c>Category!=Long</c>.</summary>
public static class Long
{
    public const string Category = "Category";

    public const string Value = "Long";
}
