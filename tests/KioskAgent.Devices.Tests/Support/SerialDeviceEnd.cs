using System.IO.Ports;
using KioskAgent.Simulator;

namespace KioskAgent.Devices.Tests.Support;

/// <summary>An emulator on the device end of a pty pair, through System.IO.Ports like a real serial peer.</summary>
public sealed class SerialDeviceEnd : IDisposable
{
    private SerialPort? _port;

    public SerialDeviceEnd(PtyPair pair, DeviceEmulator emulator, int baudRate = 9600, Parity parity = Parity.None, StopBits stopBits = StopBits.One)
    {
        Pair = pair;
        Emulator = emulator;
        BaudRate = baudRate;
        Parity = parity;
        StopBits = stopBits;
        Connect();
    }

    public PtyPair Pair { get; }

    public DeviceEmulator Emulator { get; }

    public int BaudRate { get; }

    public Parity Parity { get; }

    public StopBits StopBits { get; }

    /// <summary>Opens the device end and hands it to the emulator (again after a replug).</summary>
    public void Connect()
    {
        _port?.Dispose();
        _port = new SerialPort(Pair.DevicePath, BaudRate, Parity, 8, StopBits);
        _port.Open();
        Emulator.Attach(_port.BaseStream);
    }

    /// <summary>Pulls the cable: socat dies and both paths vanish.</summary>
    public void Unplug()
    {
        Pair.Unplug();
        _port?.Dispose();
        _port = null;
    }

    /// <summary>Plugs it back: a new pty pair at the same paths, the emulator on its end.</summary>
    public void Replug()
    {
        Pair.Plug();
        Connect();
    }

    public void Dispose()
    {
        _port?.Dispose();
        Pair.Dispose();
    }
}
