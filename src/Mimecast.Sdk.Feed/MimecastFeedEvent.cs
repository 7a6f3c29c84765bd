using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed;

/// <summary>
/// One new Targeted Threat Protection event delivered by the incident feed: exactly one of <see cref="UrlLog"/>,
/// <see cref="AttachmentLog"/> and <see cref="ImpersonationLog"/> is set, matching <see cref="Kind"/>.
/// </summary>
public sealed class MimecastFeedEvent
{
    private MimecastFeedEvent(TtpEventKind kind, string customerName, string id, DateTimeOffset time, bool isTimeEstimated)
    {
        Kind = kind;
        CustomerName = customerName;
        Id = id;
        Time = time;
        IsTimeEstimated = isTimeEstimated;
    }

    /// <summary>Gets the kind of event.</summary>
    public TtpEventKind Kind { get; }

    /// <summary>Gets the customer name (the <see cref="IMimecastClientFactory"/> name; empty for the default client).</summary>
    public string CustomerName { get; }

    /// <summary>
    /// Gets the identity of the event within its customer and kind: the Mimecast <c>id</c> of an impersonation log;
    /// for URL and attachment logs (and an impersonation log without <c>id</c>) the lowercase hex SHA-256 of the
    /// record's fields followed by <c>#n</c>, the occurrence of records identical in those fields within one second,
    /// in listing order. See <see cref="MimecastIncidentFeed"/> for the exact field list.
    /// </summary>
    public string Id { get; }

    /// <summary>
    /// Gets when the event happened: the record's <c>date</c> (URL, attachment) or <c>eventTime</c> (impersonation).
    /// When the record carries no time, the feed's position in the listing (see <see cref="IsTimeEstimated"/>).
    /// </summary>
    public DateTimeOffset Time { get; }

    /// <summary>
    /// Gets a value indicating whether the record carried no time, so <see cref="Time"/> is the time of the record
    /// listed before it (or the start of the query window when it is the first).
    /// </summary>
    public bool IsTimeEstimated { get; }

    /// <summary>Gets the URL click, when <see cref="Kind"/> is <see cref="TtpEventKind.Url"/>.</summary>
    public TtpUrlLog? UrlLog { get; private init; }

    /// <summary>Gets the attachment scan, when <see cref="Kind"/> is <see cref="TtpEventKind.Attachment"/>.</summary>
    public TtpAttachmentLog? AttachmentLog { get; private init; }

    /// <summary>Gets the impersonation detection, when <see cref="Kind"/> is <see cref="TtpEventKind.Impersonation"/>.</summary>
    public TtpImpersonationLog? ImpersonationLog { get; private init; }

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
        return new(TtpEventKind.Url, customerName, id, time, isTimeEstimated) { UrlLog = log };
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
        return new(TtpEventKind.Attachment, customerName, id, time, isTimeEstimated) { AttachmentLog = log };
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
        return new(TtpEventKind.Impersonation, customerName, id, time, isTimeEstimated) { ImpersonationLog = log };
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
