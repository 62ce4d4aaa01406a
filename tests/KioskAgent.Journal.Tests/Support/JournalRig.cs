using KioskAgent.Devices;
using KioskAgent.Devices.Runtime;
using KioskAgent.Journal.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace KioskAgent.Journal.Tests.Support;

/// <summary>A journal on a file of its own, with its worker, its log captured, and a clock of the test's choosing.</summary>
public sealed class JournalRig : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly bool _ownsDirectory;
    private JournalWorker? _worker;

    public JournalRig(JournalOptions? options = null, TimeProvider? time = null, TempDirectory? directory = null)
    {
        _ownsDirectory = directory is null;
        _directory = directory ?? new TempDirectory();
        Options = options ?? FastOptions();
        Time = time ?? TimeProvider.System;
        Logs = new FakeLogCollector();
        Loggers = LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(Logs)).SetMinimumLevel(LogLevel.Trace));
        Journal = new OperationsJournal(Options, DatabasePath, Time, Loggers);
    }

    public JournalOptions Options { get; }

    public TimeProvider Time { get; }

    public FakeLogCollector Logs { get; }

    public ILoggerFactory Loggers { get; }

    public OperationsJournal Journal { get; private set; }

    public TempDirectory Directory => _directory;

    public string DatabasePath => _directory.File("journal.db");

    public static JournalOptions FastOptions() => new()
    {
        BusyTimeout = TimeSpan.FromMilliseconds(200),
        ReopenInterval = TimeSpan.FromMilliseconds(100),
    };

    /// <summary>A connection of the test's own, outside the journal.</summary>
    public static SqliteConnection Connect(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public async Task StartWorkerAsync()
    {
        _worker = new JournalWorker(Journal, Time);
        await _worker.StartAsync(CancellationToken.None);
    }

    /// <summary>Stops the worker, which writes whatever is still queued.</summary>
    public async Task StopWorkerAsync()
    {
        if (_worker is not null)
        {
            await _worker.StopAsync(CancellationToken.None);
            _worker.Dispose();
            _worker = null;
        }
    }

    /// <summary>Like an agent restart: everything closed, the same file opened again.</summary>
    public async Task ReopenAsync()
    {
        await StopWorkerAsync();
        Journal.Dispose();
        Journal = new OperationsJournal(Options, DatabasePath, Time, Loggers);
    }

    public static RestartPhaseRecord Phase(Guid operation, RestartPhase phase, DateTimeOffset at, string kiosk = "kiosk-1", DeviceKind device = DeviceKind.Printer) =>
        new(operation, kiosk, device, RestartMethod.PowerCycle, phase, new RestartRequest("acme-backend", "req-" + operation.ToString("N")[..8]), at, null);

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        Journal.Dispose();
        Loggers.Dispose();
        if (_ownsDirectory)
        {
            _directory.Dispose();
        }
    }
}
