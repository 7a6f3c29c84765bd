using System.Security.Cryptography;

namespace Mimecast.Sdk.Testing;

/// <summary>The SIEM and audit state of one simulator: per-account stores, the batch URL secret. Guarded by <see cref="SimulatorCore.Gate"/>.</summary>
internal sealed class SiemCore
{
    private readonly Dictionary<string, SiemAccountState> _accounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeSpan _initialSpan;

    public SiemCore(SimulatorCore core, SiemSettings settings, TimeSpan initialSpan)
    {
        Core = core;
        Settings = settings;
        _initialSpan = initialSpan;
        lock (core.Gate)
        {
            foreach (AccountState account in core.States)
            {
                For(account);
            }
        }
    }

    public SimulatorCore Core { get; }

    public SiemSettings Settings { get; }

    /// <summary>The key of the download URL signatures: random per simulator, never sent anywhere.</summary>
    public byte[] UrlSecret { get; } = RandomNumberGenerator.GetBytes(32);

    public TimeProvider Time => Core.Settings.Time;

    /// <summary>The SIEM state of an account, seeded on first use and again after the simulator is reset (a reset makes new account states). Callers hold the gate.</summary>
    public SiemAccountState For(AccountState account)
    {
        if (!_accounts.TryGetValue(account.Email, out SiemAccountState? state) || !ReferenceEquals(state.Account, account))
        {
            DateTimeOffset now = Time.GetUtcNow();
            state = new SiemAccountState(account, Core.Settings.Seed, now);
            _accounts[account.Email] = state;
            Seed(state, now, _initialSpan);
        }

        return state;
    }

    public SiemAccountState Resolve(string? email) => For(Core.Resolve(email));

    /// <summary>A fresh event of <paramref name="type"/> at <paramref name="at"/>, received now (late when <paramref name="at"/> is older than the window it lands in). Callers hold the gate.</summary>
    public SimulatorSiemEvent AddGenerated(SiemAccountState s, string type, DateTimeOffset at) =>
        s.Add(SiemGenerator.Event(s.Random, type, at, s.Account.Domain, s.AccountId), Time.GetUtcNow());

    public static SimulatorAuditEvent AddGeneratedAudit(SiemAccountState s, DateTimeOffset at) =>
        s.AddAudit(AuditGenerator.Event(s.Random, at, s.Account.Domain));

    /// <summary>Adds <paramref name="count"/> bulk files of <paramref name="type"/> in the newest ended window; each is built here, outside the gate.</summary>
    public IReadOnlyList<SimulatorSiemBatchFile> AddBulkFiles(SiemAccountState s, string type, int count, long uncompressedBytes)
    {
        int first;
        DateTimeOffset window;
        lock (Core.Gate)
        {
            s.Publish(Time.GetUtcNow(), Settings.FileInterval);
            first = s.BulkFiles;
            s.BulkFiles += count;
            window = SiemAccountState.ClosedUntil(Time.GetUtcNow(), Settings.FileInterval) - Settings.FileInterval;
        }

        var contents = new SiemFileContent[count];
        for (int i = 0; i < count; i++)
        {
            int seed = KeyMaterial.Mix(Core.Settings.Seed, s.Account.Account.Seed, first + i, 0xb01c);
            long firstOffset = (1L << 40) + ((long)(first + i) << 24);
            contents[i] = SiemWire.BuildBulkFile(seed, firstOffset, type, window, Settings.FileInterval, s.Account.Domain, s.AccountId, uncompressedBytes);
        }

        var added = new List<SimulatorSiemBatchFile>(count);
        lock (Core.Gate)
        {
            foreach (SiemFileContent content in contents)
            {
                added.Add(s.AddFile(type, window, () => content).Describe());
            }
        }

        return added;
    }

    private void Seed(SiemAccountState s, DateTimeOffset now, TimeSpan span)
    {
        // One timeline for every type: the history arrived in event-time order (received when it happened).
        var seeded = new List<SimulatorSiemEvent>();
        foreach (string type in SimulatorSiemEventTypes.All)
        {
            foreach (DateTimeOffset t in SiemGenerator.Timestamps(s.Random, Settings.InitialEventsPerType, now, span))
            {
                seeded.Add(SiemGenerator.Event(s.Random, type, t, s.Account.Domain, s.AccountId));
            }
        }

        foreach (SimulatorSiemEvent e in seeded.OrderBy(e => e.Timestamp))
        {
            s.Add(e, e.Timestamp);
        }

        foreach (DateTimeOffset t in LogGenerator.Timestamps(s.Random, Settings.InitialAuditEvents, now, span))
        {
            s.AddAudit(AuditGenerator.Event(s.Random, t, s.Account.Domain));
        }
    }
}
