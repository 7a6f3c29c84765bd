using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed;

/// <summary>The source family of a <see cref="MimecastFeedKind"/>: how the feed reads it and what its checkpoint holds.</summary>
public enum MimecastFeedSource
{
    /// <summary>A Targeted Threat Protection log (API 1.0 TTP logs): checkpoint = time + identities in the overlap window.</summary>
    Ttp = 0,

    /// <summary>The audit events (<c>/api/audit/get-audit-events</c>): checkpoint = time + identities in the overlap window.</summary>
    Audit = 1,

    /// <summary>One SIEM event type of the SIEM Cloud Gateway stream (<c>/siem/v1/events/cg</c>): checkpoint = the stream's cursor.</summary>
    SiemStream = 2,

    /// <summary>The held queue (<c>/api/gateway/get-hold-message-list</c>, admin view): checkpoint = the feed's floor + the delivered ids still held.</summary>
    Held = 3,
}

/// <summary>
/// One kind of event the incident feed delivers, with its own checkpoint: a TTP log (<see cref="TtpUrl"/>,
/// <see cref="TtpAttachment"/>, <see cref="TtpImpersonation"/>), the audit events (<see cref="Audit"/>) or one SIEM
/// event type (<see cref="Siem"/>) or the held queue (<see cref="Held"/>). <see cref="Name"/> is the stable wire name that keys checkpoints in every store:
/// <c>url</c>, <c>attachment</c>, <c>impersonation</c>, <c>audit</c>, <c>held</c>, and <c>siem:{type}</c> (the SIEM type in lower
/// case, for example <c>siem:receipt</c> or <c>siem:url protect</c>).
/// </summary>
public readonly struct MimecastFeedKind : IEquatable<MimecastFeedKind>, IComparable<MimecastFeedKind>
{
    private const string SiemPrefix = "siem:";

    private readonly string? _name;

    private MimecastFeedKind(string name, MimecastFeedSource source, TtpEventKind ttp, SiemEventType siemType)
    {
        _name = name;
        Source = source;
        TtpKind = source == MimecastFeedSource.Ttp ? ttp : null;
        SiemType = source == MimecastFeedSource.SiemStream ? siemType : (SiemEventType?)null;
    }

    /// <summary>Gets the URL clicks (<c>url</c>).</summary>
    public static MimecastFeedKind TtpUrl { get; } = new("url", MimecastFeedSource.Ttp, TtpEventKind.Url, default);

    /// <summary>Gets the attachment scans (<c>attachment</c>).</summary>
    public static MimecastFeedKind TtpAttachment { get; } = new("attachment", MimecastFeedSource.Ttp, TtpEventKind.Attachment, default);

    /// <summary>Gets the impersonation detections (<c>impersonation</c>).</summary>
    public static MimecastFeedKind TtpImpersonation { get; } = new("impersonation", MimecastFeedSource.Ttp, TtpEventKind.Impersonation, default);

    /// <summary>Gets the audit events (<c>audit</c>).</summary>
    public static MimecastFeedKind Audit { get; } = new("audit", MimecastFeedSource.Audit, default, default);

    /// <summary>Gets the held messages (<c>held</c>): each held message once, by id, however late it joins the queue.</summary>
    public static MimecastFeedKind Held { get; } = new("held", MimecastFeedSource.Held, default, default);

    /// <summary>Gets the stable wire name: the key of this kind's checkpoint in every store.</summary>
    public string Name => _name ?? string.Empty;

    /// <summary>Gets the source family.</summary>
    public MimecastFeedSource Source { get; }

    /// <summary>Gets the TTP kind, when <see cref="Source"/> is <see cref="MimecastFeedSource.Ttp"/>.</summary>
    public TtpEventKind? TtpKind { get; }

    /// <summary>Gets the SIEM event type, when <see cref="Source"/> is <see cref="MimecastFeedSource.SiemStream"/>.</summary>
    public SiemEventType? SiemType { get; }

    /// <summary>Gets the kind of one SIEM event type of the stream (<c>siem:{type}</c>, the type in lower case).</summary>
    /// <param name="type">The event type; known or not (<see cref="SiemEventType.Known"/>).</param>
    /// <returns>The kind.</returns>
    /// <exception cref="ArgumentException">The type is empty.</exception>
    public static MimecastFeedKind Siem(SiemEventType type)
    {
        if (type.Value.Length == 0)
        {
            throw new ArgumentException("A SIEM feed kind needs an event type.", nameof(type));
        }

        var value = type.Value.Trim().ToLowerInvariant();
        return new(SiemPrefix + value, MimecastFeedSource.SiemStream, default, new SiemEventType(value));
    }

    /// <summary>Gets the kind of a TTP log.</summary>
    /// <param name="kind">The TTP kind.</param>
    /// <returns>The kind.</returns>
    public static MimecastFeedKind FromTtp(TtpEventKind kind) => kind switch
    {
        TtpEventKind.Url => TtpUrl,
        TtpEventKind.Attachment => TtpAttachment,
        TtpEventKind.Impersonation => TtpImpersonation,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown TTP event kind."),
    };

    /// <summary>Converts a TTP kind (see <see cref="FromTtp"/>).</summary>
    /// <param name="kind">The TTP kind.</param>
    public static implicit operator MimecastFeedKind(TtpEventKind kind) => FromTtp(kind);

    /// <summary>Reads a wire name (<see cref="Name"/>).</summary>
    /// <param name="name">The name, for example <c>url</c>, <c>audit</c> or <c>siem:receipt</c>.</param>
    /// <param name="kind">The kind, when the name is valid.</param>
    /// <returns>Whether the name is valid.</returns>
    public static bool TryParse(string? name, out MimecastFeedKind kind)
    {
        switch (name)
        {
            case "url":
                kind = TtpUrl;
                return true;
            case "attachment":
                kind = TtpAttachment;
                return true;
            case "impersonation":
                kind = TtpImpersonation;
                return true;
            case "audit":
                kind = Audit;
                return true;
            case "held":
                kind = Held;
                return true;
        }

        if (name is not null && name.StartsWith(SiemPrefix, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(name[SiemPrefix.Length..])
            && string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal))
        {
            kind = Siem(new SiemEventType(name[SiemPrefix.Length..]));
            return string.Equals(kind.Name, name, StringComparison.Ordinal);
        }

        kind = default;
        return false;
    }

    /// <summary>Reads a wire name (<see cref="Name"/>).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The kind.</returns>
    /// <exception cref="FormatException">The name is not a feed kind.</exception>
    public static MimecastFeedKind Parse(string name) =>
        TryParse(name, out var kind) ? kind : throw new FormatException($"'{name}' is not a Mimecast feed kind (url, attachment, impersonation, audit, held or siem:{{type}}).");

    /// <summary>Compares two kinds by name.</summary>
    /// <param name="left">One kind.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they are the same kind.</returns>
    public static bool operator ==(MimecastFeedKind left, MimecastFeedKind right) => left.Equals(right);

    /// <summary>Compares two kinds by name.</summary>
    /// <param name="left">One kind.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(MimecastFeedKind left, MimecastFeedKind right) => !left.Equals(right);

    /// <summary>Orders kinds by name (ordinal).</summary>
    /// <param name="left">One kind.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether <paramref name="left"/> sorts first.</returns>
    public static bool operator <(MimecastFeedKind left, MimecastFeedKind right) => left.CompareTo(right) < 0;

    /// <summary>Orders kinds by name (ordinal).</summary>
    /// <param name="left">One kind.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether <paramref name="left"/> sorts last.</returns>
    public static bool operator >(MimecastFeedKind left, MimecastFeedKind right) => left.CompareTo(right) > 0;

    /// <summary>Orders kinds by name (ordinal).</summary>
    /// <param name="left">One kind.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether <paramref name="left"/> does not sort last.</returns>
    public static bool operator <=(MimecastFeedKind left, MimecastFeedKind right) => left.CompareTo(right) <= 0;

    /// <summary>Orders kinds by name (ordinal).</summary>
    /// <param name="left">One kind.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether <paramref name="left"/> does not sort first.</returns>
    public static bool operator >=(MimecastFeedKind left, MimecastFeedKind right) => left.CompareTo(right) >= 0;

    /// <inheritdoc/>
    public bool Equals(MimecastFeedKind other) => string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MimecastFeedKind other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <inheritdoc/>
    public int CompareTo(MimecastFeedKind other) => string.CompareOrdinal(Name, other.Name);

    /// <summary>Returns <see cref="Name"/>.</summary>
    /// <returns>The wire name.</returns>
    public override string ToString() => Name;
}
