namespace KioskAgent.Memory;

/// <summary>Section <c>NativeHeap</c>: how the agent keeps glibc's allocator from holding memory it no longer uses.</summary>
public sealed class NativeHeapOptions
{
    public const string Section = "NativeHeap";

    /// <summary>How often the free pages of every arena go back to the kernel; <c>00:00:00</c> turns it off.</summary>
    public TimeSpan TrimInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most malloc arenas for threads started after the agent starts; 0 leaves glibc's default (8 per core). An
    /// operator's <c>MALLOC_ARENA_MAX</c> environment variable wins over it.
    /// </summary>
    public int Arenas { get; set; } = 2;

    public IEnumerable<string> Validate(string prefix)
    {
        if (TrimInterval != TimeSpan.Zero && (TrimInterval < TimeSpan.FromSeconds(1) || TrimInterval > TimeSpan.FromHours(1)))
        {
            yield return $"{prefix}:TrimInterval must be 00:00:00 (off) or from 00:00:01 to 01:00:00; it is {TrimInterval}.";
        }

        if (Arenas is < 0 or > 64)
        {
            yield return $"{prefix}:Arenas must be 0 (glibc's default) or 1 to 64; it is {Arenas}.";
        }
    }
}
