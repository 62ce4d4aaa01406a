using System.IO.Ports;
using System.Net;
using System.Net.Sockets;
using KioskAgent.Simulator;

// kiosk-simulator <device> (--serial PATH [--baud N] [--stop-bits One|Two] | --tcp HOST:PORT) [--boot-ms N]
// Then type fault names on standard input (e.g. paper_out, silence, none), `power off`, `power on`, `faults`, `quit`.
var usage = $"""
    usage: kiosk-simulator <device> (--serial PATH [--baud N] [--stop-bits One|Two] | --tcp HOST:PORT) [--boot-ms N]
    devices: {string.Join(", ", EmulatorCatalog.Names)}
    example: socat -d -d pty,raw,echo=0,link=/tmp/ttyAgent pty,raw,echo=0,link=/tmp/ttyPrinter &
             kiosk-simulator printer --serial /tmp/ttyPrinter
    """;

if (args.Length < 3 || !EmulatorCatalog.TryCreate(args[0], TimeProvider.System, TimeSpan.FromMilliseconds(ReadInt(args, "--boot-ms", 800)), out var emulator))
{
    Console.Error.WriteLine(usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
try
{
    if (Option(args, "--serial") is { } path)
    {
        var stopBits = Enum.Parse<StopBits>(Option(args, "--stop-bits") ?? "One", ignoreCase: true);
        var port = new SerialPort(path, ReadInt(args, "--baud", 9600), Parity.None, 8, stopBits);
        port.Open();
        emulator.Attach(port.BaseStream);
        Console.WriteLine($"{args[0]} emulator on {path}; faults: {string.Join(", ", emulator.FaultNames)}");
    }
    else if (Option(args, "--tcp") is { } endpoint && IPEndPoint.TryParse(endpoint, out var address))
    {
        var listener = new TcpListener(address);
        listener.Start();
        Console.WriteLine($"{args[0]} emulator on tcp://{address}; faults: {string.Join(", ", emulator.FaultNames)}");
        _ = AcceptAsync(listener, emulator, stop.Token);
    }
    else
    {
        Console.Error.WriteLine(usage);
        return 2;
    }
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SocketException or ArgumentException)
{
    Console.Error.WriteLine($"cannot open: {ex.Message}");
    return 1;
}

while (!stop.IsCancellationRequested && Console.ReadLine() is { } line)
{
    var command = line.Trim();
    switch (command)
    {
        case "":
            continue;
        case "quit":
            return 0;
        case "faults":
            Console.WriteLine(string.Join(", ", emulator.FaultNames));
            continue;
        case "power off" or "power on":
            emulator.SetPower(command == "power on");
            Console.WriteLine(command);
            continue;
        default:
            Console.WriteLine(emulator.Inject(command) ? $"ok: {command}" : $"unknown fault '{command}'; faults: {string.Join(", ", emulator.FaultNames)}");
            continue;
    }
}

return 0;

static string? Option(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static int ReadInt(string[] args, string name, int fallback) =>
    Option(args, name) is { } value && int.TryParse(value, out var parsed) && parsed >= 0 ? parsed : fallback;

static async Task AcceptAsync(TcpListener listener, DeviceEmulator emulator, CancellationToken cancellationToken)
{
    while (!cancellationToken.IsCancellationRequested)
    {
        var client = await listener.AcceptTcpClientAsync(cancellationToken);
        client.NoDelay = true;
        Console.WriteLine($"connected: {client.Client.RemoteEndPoint}");
        emulator.Attach(client.GetStream()); // the newest connection wins, like re-plugging a cable
    }
}
