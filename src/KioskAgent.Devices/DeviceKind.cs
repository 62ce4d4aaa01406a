namespace KioskAgent.Devices;

/// <summary>The components of a kiosk that the agent reports on.</summary>
public enum DeviceKind
{
    Cpu,
    Printer,
    Dispenser,
    Scanner,
    Tpv,
    BillReader,
}

/// <summary>The names a device kind goes by on the wire.</summary>
public static class DeviceNames
{
    /// <summary>Every kind, in the order the kiosk status lists them.</summary>
    public static readonly IReadOnlyList<DeviceKind> All =
        [DeviceKind.Cpu, DeviceKind.Printer, DeviceKind.Dispenser, DeviceKind.Tpv, DeviceKind.Scanner, DeviceKind.BillReader];

    /// <summary>The key in the kiosk status object (<c>bill_reader</c>).</summary>
    public static string StatusKey(DeviceKind kind) => kind switch
    {
        DeviceKind.Cpu => "cpu",
        DeviceKind.Printer => "printer",
        DeviceKind.Dispenser => "dispenser",
        DeviceKind.Scanner => "scanner",
        DeviceKind.Tpv => "tpv",
        DeviceKind.BillReader => "bill_reader",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The path segment in routes (<c>bill-reader</c>).</summary>
    public static string RouteSegment(DeviceKind kind) => StatusKey(kind).Replace('_', '-');

    public static bool TryParseRouteSegment(string? segment, out DeviceKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(RouteSegment(candidate), segment, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
