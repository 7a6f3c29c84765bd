namespace Mimecast.Sdk.Testing;

/// <summary>
/// The records of one kind the simulator serves (URL clicks, attachment and impersonation logs, SIEM events, audit
/// events …), per account: <c>sim.Records&lt;SimulatorUrlLog&gt;()</c>. The same operations are on the HTTP control
/// API as <c>POST /_simulator/records/{kind}</c>. Thread-safe.
/// </summary>
/// <typeparam name="T">The record type, e.g. <see cref="SimulatorUrlLog"/>.</typeparam>
public sealed class SimulatorRecords<T> : IRecordKind
    where T : class
{
    private readonly SimulatorCore _core;
    private readonly Func<AccountState, DateTimeOffset, string?, T> _generate;
    private readonly Func<AccountState, T, T> _store;
    private readonly Func<AccountState, IReadOnlyCollection<T>> _all;
    private readonly Func<T, RecordStamp> _stamp;
    private readonly bool _reportsIds;
    private readonly string? _variantName;

    internal SimulatorRecords(
        string kind,
        SimulatorCore core,
        Func<AccountState, DateTimeOffset, string?, T> generate,
        Func<AccountState, T, T> store,
        Func<AccountState, IReadOnlyCollection<T>> all,
        Func<T, RecordStamp> stamp,
        bool reportsIds = false,
        string? variantName = null)
    {
        Kind = kind;
        _core = core;
        _generate = generate;
        _store = store;
        _all = all;
        _stamp = stamp;
        _reportsIds = reportsIds;
        _variantName = variantName;
    }

    /// <summary>Gets the kind's name in the control API route <c>/_simulator/records/{kind}</c>, e.g. <c>url</c>.</summary>
    public string Kind { get; }

    /// <summary>Generates and adds records (seeded, deterministic).</summary>
    /// <param name="count">How many.</param>
    /// <param name="at">Their time (all share it; truncated as the kind's wire format needs); null = now on the simulator clock. An older time makes them late.</param>
    /// <param name="accountEmail">The account; null = the first.</param>
    /// <returns>The records added, as stored (with their sequence numbers and generated ids).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="ArgumentException">No account has <paramref name="accountEmail"/>.</exception>
    public IReadOnlyList<T> Add(int count, DateTimeOffset? at = null, string? accountEmail = null) => Add(count, at, null, accountEmail);

    /// <summary>Adds one explicit record, for the first account, at its own time; its sequence is assigned and an empty id is generated.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The stored record.</returns>
    /// <exception cref="ArgumentException">The record is not valid for its kind.</exception>
    public T Add(T record) => Add(record, null);

    /// <summary>Adds one explicit record at its own time; its sequence is assigned and an empty id is generated.</summary>
    /// <param name="record">The record.</param>
    /// <param name="accountEmail">The account; null = the first.</param>
    /// <returns>The stored record.</returns>
    /// <exception cref="ArgumentException">No account has <paramref name="accountEmail"/>, or the record is not valid for its kind.</exception>
    public T Add(T record, string? accountEmail)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_core.Gate)
        {
            return _store(_core.Resolve(accountEmail), record);
        }
    }

    /// <summary>All records of an account, in the order the kind keeps them (oldest first; SIEM events in reception order).</summary>
    /// <param name="accountEmail">The account; null = the first.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<T> All(string? accountEmail = null)
    {
        lock (_core.Gate)
        {
            return _all(_core.Resolve(accountEmail)).ToArray();
        }
    }

    /// <summary>How many records an account holds.</summary>
    /// <param name="accountEmail">The account; null = the first.</param>
    /// <returns>The count.</returns>
    public int Count(string? accountEmail = null)
    {
        lock (_core.Gate)
        {
            return _all(_core.Resolve(accountEmail)).Count;
        }
    }

    /// <summary>Generates records; <paramref name="variant"/> is the kind's sub-type (the SIEM event type), null for its default.</summary>
    internal IReadOnlyList<T> Add(int count, DateTimeOffset? at, string? variant, string? accountEmail)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_core.Gate)
        {
            AccountState s = _core.Resolve(accountEmail);
            DateTimeOffset t = at ?? _core.Settings.Time.GetUtcNow();
            var added = new T[count];
            for (int i = 0; i < count; i++)
            {
                added[i] = _generate(s, t, variant);
            }

            return added;
        }
    }

    bool IRecordKind.ReportsIds => _reportsIds;

    string? IRecordKind.VariantName => _variantName;

    IReadOnlyList<RecordStamp> IRecordKind.Add(int count, DateTimeOffset? at, string? variant, string? accountEmail) =>
        Add(count, at, variant, accountEmail).Select(_stamp).ToArray();
}

/// <summary>What the control API answers of a record added: its sequence, time and (for kinds with ids) id.</summary>
internal readonly record struct RecordStamp(long Sequence, DateTimeOffset Time, string? Id = null);

/// <summary>A record kind as the control API sees it (<c>POST /_simulator/records/{kind}</c>).</summary>
internal interface IRecordKind
{
    string Kind { get; }

    /// <summary>Whether the control API's answer lists the ids of the records added.</summary>
    bool ReportsIds { get; }

    /// <summary>The control API field naming the kind's sub-type (<c>type</c> for SIEM events), required there; null when the kind has none.</summary>
    string? VariantName { get; }

    IReadOnlyList<RecordStamp> Add(int count, DateTimeOffset? at, string? variant, string? accountEmail);
}
