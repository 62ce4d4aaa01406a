using System.Runtime.InteropServices;

namespace KioskAgent.Memory;

/// <summary>
/// glibc's allocator, the native heap under the runtime (the JIT, the type loader, SQLite, OpenSSL). It gives each
/// thread an arena of its own, up to 8 per core, and does not return free pages that lie below a live allocation:
/// after a burst of work the process keeps its high-water mark. Measured here after the bench load: 22 MB held by
/// the arenas, 10 MB of it in use; <c>malloc_trim(0)</c> gave 9 MB back. Elsewhere (musl, Windows, macOS) every
/// member is a no-op and <see cref="IsAvailable"/> is false.
/// </summary>
public static unsafe class NativeHeap
{
    /// <summary><c>M_ARENA_MAX</c> in glibc's malloc.h.</summary>
    private const int ArenaMaxParameter = -8;

    private static readonly delegate* unmanaged<nuint, int> MallocTrim;
    private static readonly delegate* unmanaged<int, int, int> MallOpt;

    static NativeHeap()
    {
        if (OperatingSystem.IsLinux()
            && NativeLibrary.TryLoad("libc.so.6", out var libc)
            && NativeLibrary.TryGetExport(libc, "malloc_trim", out var trim)
            && NativeLibrary.TryGetExport(libc, "mallopt", out var mallopt))
        {
            MallocTrim = (delegate* unmanaged<nuint, int>)trim;
            MallOpt = (delegate* unmanaged<int, int, int>)mallopt;
        }
    }

    /// <summary>True where the process runs on glibc and both calls were found.</summary>
    public static bool IsAvailable => MallocTrim != null;

    /// <summary>Returns every arena's free pages to the kernel (<c>malloc_trim(0)</c>). True if any memory was released.</summary>
    public static bool Trim() => MallocTrim != null && MallocTrim(0) == 1;

    /// <summary>
    /// At most <paramref name="arenas"/> arenas from now on (<c>mallopt(M_ARENA_MAX)</c>): threads that start later
    /// share them instead of each growing one. Threads that already have an arena keep it. True if glibc accepted it.
    /// </summary>
    public static bool LimitArenas(int arenas) => MallOpt != null && MallOpt(ArenaMaxParameter, arenas) == 1;
}
