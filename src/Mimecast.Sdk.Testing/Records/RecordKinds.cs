namespace Mimecast.Sdk.Testing;

/// <summary>
/// The registry of record kinds: one line per kind gives its control-API name, how a record is generated, stored and
/// listed for an account. <see cref="MimecastSimulator.Records{T}"/> and <c>/_simulator/records/{kind}</c> both read it.
/// </summary>
internal sealed class RecordKinds
{
    private readonly Dictionary<string, IRecordKind> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Type, object> _byType = [];

    public RecordKinds(SimulatorCore core, SiemCore siem)
    {
        Register(new SimulatorRecords<SimulatorUrlLog>(
            "url", core, (s, t, _) => SimulatorCore.AddUrl(s, LogGenerator.Url(s.Random, LogGenerator.Truncate(t), s.Domain)), SimulatorCore.AddUrl, s => s.Url.Items, r => new(r.Sequence, r.Date)));
        Register(new SimulatorRecords<SimulatorAttachmentLog>(
            "attachment", core, (s, t, _) => SimulatorCore.AddAttachment(s, LogGenerator.Attachment(s.Random, LogGenerator.Truncate(t), s.Domain)), SimulatorCore.AddAttachment, s => s.Attachment.Items, r => new(r.Sequence, r.Date)));
        Register(new SimulatorRecords<SimulatorImpersonationLog>(
            "impersonation", core, (s, t, _) => SimulatorCore.AddImpersonation(s, LogGenerator.Impersonation(s.Random, LogGenerator.Truncate(t), s.Domain, s.NextSequence)), SimulatorCore.AddImpersonation, s => s.Impersonation.Items, r => new(r.Sequence, r.EventTime)));
        Register(new SimulatorRecords<SimulatorSiemEvent>(
            "siem", core, (s, t, type) => siem.AddGenerated(siem.For(s), type ?? SimulatorSiemEventTypes.Receipt, t), (s, e) => siem.For(s).Add(Valid(e), siem.Time.GetUtcNow()), s => siem.For(s).Events, e => new(e.Sequence, e.Timestamp), variantName: "type"));
        Register(new SimulatorRecords<SimulatorAuditEvent>(
            "audit", core, (s, t, _) => SiemCore.AddGeneratedAudit(siem.For(s), t), (s, e) => siem.For(s).AddAudit(e), s => siem.For(s).Audit.Items, e => new(e.Sequence, e.EventTime, e.Id), reportsIds: true));
        Register(new SimulatorRecords<SimulatorHeldMessage>(
            "held", core, (s, t, _) => Held(s).Add(LogGenerator.Held(Held(s).Random, t, s.Domain)), (s, m) => Held(s).Add(m), s => Held(s).Held.Items, m => new(m.Sequence, m.DateReceived, m.Id), reportsIds: true));

        HeldQueue Held(AccountState s) => HeldQueue.Of(s, core.Settings.Time);
        Register(new SimulatorRecords<SimulatorGroup>(
            "group", core, (s, t, _) => DirectoryState.Of(s).AddGroup(new SimulatorGroup { Description = "Group " + (DirectoryState.Of(s).Groups.Items.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Created = t }),
            (s, g) => DirectoryState.Of(s).AddGroup(g), s => DirectoryState.Of(s).Groups.Items, g => new(g.Sequence, g.Created, g.Id), reportsIds: true));
    }

    /// <summary>The kind named <paramref name="kind"/> in the control route, or null.</summary>
    public IRecordKind? Find(string kind) => _byName.GetValueOrDefault(kind);

    /// <summary>The kind of record type <typeparamref name="T"/>.</summary>
    public SimulatorRecords<T> Of<T>()
        where T : class =>
        _byType.TryGetValue(typeof(T), out object? kind)
            ? (SimulatorRecords<T>)kind
            : throw new ArgumentException($"The simulator keeps no records of type {typeof(T).Name}; the kinds are {string.Join(", ", _byName.Keys)}.", nameof(T));

    private static SimulatorSiemEvent Valid(SimulatorSiemEvent e)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(e.Type, nameof(e));
        return e;
    }

    private void Register<T>(SimulatorRecords<T> kind)
        where T : class
    {
        _byName.Add(kind.Kind, kind);
        _byType.Add(typeof(T), kind);
    }
}
