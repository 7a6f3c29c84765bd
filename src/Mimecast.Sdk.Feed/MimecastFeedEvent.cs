using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed;

/// <summary>
/// One new event delivered by the incident feed: exactly one of <see cref="UrlLog"/>, <see cref="AttachmentLog"/>,
/// <see cref="ImpersonationLog"/>, <see cref="AuditEvent"/> and <see cref="SiemEvent"/> is set, matching
/// <see cref="Kind"/>.
/// </summary>
public sealed class MimecastFeedEvent
{
    private MimecastFeedEvent(MimecastFeedKind kind, string customerName, string id, DateTimeOffset time, bool isTimeEstimated)
    {
        Kind = kind;
        CustomerName = customerName;
        Id = id;
        Time = time;
        IsTimeEstimated = isTimeEstimated;
    }

    /// <summary>Gets the kind of event.</summary>
    public MimecastFeedKind Kind { get; }

    /// <summary>Gets the customer name (the <see cref="IMimecastClientFactory"/> name; empty for the default client).</summary>
    public string CustomerName { get; }

    /// <summary>
    /// Gets the identity of the event within its customer (unique across kinds, so it can key an outbox): the
    /// Mimecast <c>id</c> of an impersonation log; for URL and attachment logs (and an impersonation log without
    /// <c>id</c>) the lowercase hex SHA-256 of the record's fields followed by <c>#n</c>, the occurrence of records
    /// identical in those fields within one second, in listing order; <c>audit:{id}</c> for an audit event (its
    /// documented unique <c>id</c>); <c>siem:{type}:{sha256}</c> for a SIEM event (which has no id: the hash of the
    /// whole record). See <see cref="MimecastIncidentFeed"/> for the exact field lists.
    /// </summary>
    public string Id { get; }

    /// <summary>
    /// Gets when the event happened: the record's <c>date</c> (URL, attachment), <c>eventTime</c> (impersonation,
    /// audit) or <c>timestamp</c> (SIEM).
    /// When the record carries no time, the feed's position in the listing (see <see cref="IsTimeEstimated"/>).
    /// </summary>
    public DateTimeOffset Time { get; }

    /// <summary>
    /// Gets a value indicating whether the record carried no time, so <see cref="Time"/> is the time of the record
    /// listed before it (or the start of the query window when it is the first).
    /// </summary>
    public bool IsTimeEstimated { get; }

    /// <summary>Gets the URL click, when <see cref="Kind"/> is <see cref="MimecastFeedKind.TtpUrl"/>.</summary>
    public TtpUrlLog? UrlLog { get; private init; }

    /// <summary>Gets the attachment scan, when <see cref="Kind"/> is <see cref="MimecastFeedKind.TtpAttachment"/>.</summary>
    public TtpAttachmentLog? AttachmentLog { get; private init; }

    /// <summary>Gets the impersonation detection, when <see cref="Kind"/> is <see cref="MimecastFeedKind.TtpImpersonation"/>.</summary>
    public TtpImpersonationLog? ImpersonationLog { get; private init; }

    /// <summary>Gets the audit event, when <see cref="Kind"/> is <see cref="MimecastFeedKind.Audit"/>.</summary>
    public AuditEvent? AuditEvent { get; private init; }

    /// <summary>Gets the SIEM event, when <see cref="Kind"/> is a SIEM stream kind (<see cref="MimecastFeedKind.Siem"/>).</summary>
    public SiemEvent? SiemEvent { get; private init; }

    /// <summary>
    /// Gets the record, whichever kind it is: the one of <see cref="UrlLog"/>, <see cref="AttachmentLog"/>,
    /// <see cref="ImpersonationLog"/>, <see cref="AuditEvent"/>, <see cref="SiemEvent"/> and <see cref="HeldMessage"/> that is set. A sink that
    /// forwards every kind the same way (for example serialized) reads this instead of switching on six properties;
    /// pattern matching on it (<c>case TtpUrlLog url:</c>) tells the kinds apart.
    /// </summary>
    public object Record => (object?)UrlLog ?? (object?)AttachmentLog ?? (object?)ImpersonationLog ?? (object?)AuditEvent ?? (object?)SiemEvent ?? HeldMessage!;
    /// <summary>Gets the held message, for <see cref="MimecastFeedKind.Held"/> events.</summary>
    public HeldMessage? HeldMessage { get; private init; }

    /// <summary>Creates a URL click event (for tests of code that consumes the feed).</summary>
    /// <param name="customerName">The customer name.</param>
    /// <param name="id">The event identity.</param>
    /// <param name="time">The event time.</param>
    /// <param name="log">The record.</param>
    /// <param name="isTimeEstimated">Whether the record carried no time.</param>
    /// <returns>The event.</returns>
    public static MimecastFeedEvent ForUrl(string customerName, string id, DateTimeOffset time, TtpUrlLog log, bool isTimeEstimated = false)
    {
        Check(customerName, id, log);
        return new(MimecastFeedKind.TtpUrl, customerName, id, time, isTimeEstimated) { UrlLog = log };
    }

    /// <summary>Creates an attachment scan event (for tests of code that consumes the feed).</summary>
    /// <param name="customerName">The customer name.</param>
    /// <param name="id">The event identity.</param>
    /// <param name="time">The event time.</param>
    /// <param name="log">The record.</param>
    /// <param name="isTimeEstimated">Whether the record carried no time.</param>
    /// <returns>The event.</returns>
    public static MimecastFeedEvent ForAttachment(string customerName, string id, DateTimeOffset time, TtpAttachmentLog log, bool isTimeEstimated = false)
    {
        Check(customerName, id, log);
        return new(MimecastFeedKind.TtpAttachment, customerName, id, time, isTimeEstimated) { AttachmentLog = log };
    }

    /// <summary>Creates an impersonation event (for tests of code that consumes the feed).</summary>
    /// <param name="customerName">The customer name.</param>
    /// <param name="id">The event identity.</param>
    /// <param name="time">The event time.</param>
    /// <param name="log">The record.</param>
    /// <param name="isTimeEstimated">Whether the record carried no time.</param>
    /// <returns>The event.</returns>
    public static MimecastFeedEvent ForImpersonation(string customerName, string id, DateTimeOffset time, TtpImpersonationLog log, bool isTimeEstimated = false)
    {
        Check(customerName, id, log);
        return new(MimecastFeedKind.TtpImpersonation, customerName, id, time, isTimeEstimated) { ImpersonationLog = log };
    }

    /// <summary>Creates an audit event (for tests of code that consumes the feed).</summary>
    /// <param name="customerName">The customer name.</param>
    /// <param name="id">The event identity.</param>
    /// <param name="time">The event time.</param>
    /// <param name="auditEvent">The record.</param>
    /// <param name="isTimeEstimated">Whether the record carried no time.</param>
    /// <returns>The event.</returns>
    public static MimecastFeedEvent ForAudit(string customerName, string id, DateTimeOffset time, AuditEvent auditEvent, bool isTimeEstimated = false)
    {
        Check(customerName, id, auditEvent);
        return new(MimecastFeedKind.Audit, customerName, id, time, isTimeEstimated) { AuditEvent = auditEvent };
    }

    /// <summary>Creates a held-message event (for tests of code that consumes the feed).</summary>
    /// <param name="customerName">The customer name.</param>
    /// <param name="id">The event identity (<c>held:{id}</c>).</param>
    /// <param name="time">When Mimecast received the message.</param>
    /// <param name="message">The held message.</param>
    /// <param name="isTimeEstimated">Whether the record carried no time.</param>
    /// <returns>The event.</returns>
    public static MimecastFeedEvent ForHeld(string customerName, string id, DateTimeOffset time, HeldMessage message, bool isTimeEstimated = false)
    {
        Check(customerName, id, message);
        return new(MimecastFeedKind.Held, customerName, id, time, isTimeEstimated) { HeldMessage = message };
    }

    /// <summary>Creates a SIEM event (for tests of code that consumes the feed).</summary>
    /// <param name="kind">The SIEM stream kind (<see cref="MimecastFeedKind.Siem"/>).</param>
    /// <param name="customerName">The customer name.</param>
    /// <param name="id">The event identity.</param>
    /// <param name="time">The event time.</param>
    /// <param name="siemEvent">The record.</param>
    /// <param name="isTimeEstimated">Whether the record carried no time.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not a SIEM stream kind.</exception>
    public static MimecastFeedEvent ForSiem(MimecastFeedKind kind, string customerName, string id, DateTimeOffset time, SiemEvent siemEvent, bool isTimeEstimated = false)
    {
        Check(customerName, id, siemEvent);
        if (kind.Source != MimecastFeedSource.SiemStream)
        {
            throw new ArgumentException($"'{kind}' is not a SIEM stream kind.", nameof(kind));
        }

        return new(kind, customerName, id, time, isTimeEstimated) { SiemEvent = siemEvent };
    }

    /// <summary>Returns the kind, customer, time and id (never a record field).</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{Kind} event {Id} of customer '{CustomerName}' at {Time:O}";

    private static void Check(string customerName, string id, object log)
    {
        ArgumentNullException.ThrowIfNull(customerName);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(log);
    }
}
