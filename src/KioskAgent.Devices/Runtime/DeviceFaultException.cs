namespace KioskAgent.Devices.Runtime;

/// <summary>
/// A device did not give a valid answer. The supervisor turns it into <c>Offline</c> with <see cref="Code"/>
/// and the message as the reason, then reconnects.
/// </summary>
public class DeviceFaultException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Stable snake_case reason: <c>no_answer</c>, <c>protocol_error</c>, <c>link_lost</c>, <c>device_refused</c>...</summary>
    public string Code { get; } = code;

    public static DeviceFaultException NoAnswer(string what, TimeSpan timeout) =>
        new("no_answer", $"No answer to {what} within {timeout.TotalMilliseconds:0} ms.");

    public static DeviceFaultException Protocol(string message) => new("protocol_error", message);

    public static DeviceFaultException LinkLost(string message, Exception? inner = null) => new("link_lost", message, inner);
}
