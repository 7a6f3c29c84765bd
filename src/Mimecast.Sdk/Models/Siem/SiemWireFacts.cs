using System.Net;

namespace Mimecast.Sdk.Models;

/// <summary>
/// Every wire choice of the SIEM and audit operations in one place, in particular those the shared API notes mark
/// <i>unconfirmed</i> (marked so below): change a fact here, not in the operations.
/// </summary>
internal static class SiemWireFacts
{
    internal const string StreamPath = "/siem/v1/events/cg";
    internal const string BatchPath = "/siem/v1/batch/events/cg";
    internal const string AuditPath = "/api/audit/get-audit-events";

    /// <inheritdoc cref="MimecastLimits.SiemMaxPageSize"/>
    internal const int MaxSiemPageSize = MimecastLimits.SiemMaxPageSize;

    /// <summary>Stream dates: UTC with milliseconds and <c>Z</c>.</summary>
    internal const string StreamDateFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Batch dates: a full date.</summary>
    internal const string BatchDateFormat = "yyyy-MM-dd";

    /// <inheritdoc cref="MimecastLimits.AuditMaxLookback"/>
    internal static TimeSpan AuditMaxLookback => MimecastLimits.AuditMaxLookback;

    /// <inheritdoc cref="MimecastLimits.AuditPageSize"/>
    internal const int AuditDefaultPageSize = MimecastLimits.AuditPageSize;

    /// <summary>
    /// <i>Unconfirmed</i>: whether one call may carry several event types as a comma list. One type per call is what
    /// most peers do, so several requested types are read one type after the other.
    /// </summary>
    internal const bool CommaSeparatedTypes = false;

    /// <summary>Stream: peers resend the start (and end) date together with <c>nextPage</c>.</summary>
    internal const bool StreamResendDatesWithNextPage = true;

    /// <summary>Batch: the cursor alone works (SK); others resend the dates. <i>Unconfirmed</i> which is required: resend.</summary>
    internal const bool BatchResendDatesWithNextPage = true;

    /// <summary>Download answers meaning "expired or gone": re-list for a fresh URL, never retry the same one.</summary>
    internal static bool IsExpiredLink(HttpStatusCode status) => status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone;

    /// <summary>
    /// <i>Unconfirmed</i>: a file keeps its storage path across re-listings while its signed query string changes, so
    /// the path (without the query, which holds the signature) identifies a file, de-duplicates a listing that names
    /// one file twice, and is the only part of a URL the SDK ever logs.
    /// </summary>
    internal static string FileIdentity(Uri url) => url.GetLeftPart(UriPartial.Path);

    /// <summary>
    /// <i>Unconfirmed</i>: a batch file is one gzip member, so its trailer's ISIZE (the last four bytes) equals the
    /// decompressed length modulo 2^32; a mismatch means the file was cut short (GZipStream itself ends silently).
    /// </summary>
    internal const bool SingleGzipMember = true;

    /// <summary>Record field spellings: batch records use <c>type</c>/<c>subtype</c>, the stream fixture <c>eventType</c>/<c>subType</c> (<i>unconfirmed</i>): both are read.</summary>
    internal static readonly string[] TypeNames = ["type", "eventType"];

    /// <inheritdoc cref="TypeNames"/>
    internal static readonly string[] SubtypeNames = ["subtype", "subType"];

    /// <summary>Client-side pacing defaults (documented quotas): stream 300 calls an hour, batch listing 50 calls in 15 minutes.</summary>
    internal const int StreamCallsPerWindow = 300;

    /// <inheritdoc cref="StreamCallsPerWindow"/>
    internal static readonly TimeSpan StreamWindow = TimeSpan.FromHours(1);

    /// <inheritdoc cref="StreamCallsPerWindow"/>
    internal const int BatchListCallsPerWindow = 50;

    /// <inheritdoc cref="StreamCallsPerWindow"/>
    internal static readonly TimeSpan BatchListWindow = TimeSpan.FromMinutes(15);

    // Unconfirmed and so not relied on anywhere: the lifetime of stream cursors and batch URLs (a stale cursor is an
    // HTTP 400, surfaced as MimecastInvalidCursorException), the scope of the quotas (assumed per user, like the
    // other quotas: pacing shares the rate-limit bucket's partition), the batch 400 body, and `@nextLink` (unused).
}

/// <summary>
/// The branches of the <i>unconfirmed</i> SIEM wire choices one client takes, defaulting to <see cref="SiemWireFacts"/>.
/// Internal: Mimecast's behaviour decides them, not a user; tests run both branches of each.
/// </summary>
internal sealed class SiemWireChoices
{
    /// <inheritdoc cref="SiemWireFacts.CommaSeparatedTypes"/>
    internal bool CommaSeparatedTypes { get; init; } = SiemWireFacts.CommaSeparatedTypes;

    /// <inheritdoc cref="SiemWireFacts.BatchResendDatesWithNextPage"/>
    internal bool BatchResendDatesWithNextPage { get; init; } = SiemWireFacts.BatchResendDatesWithNextPage;
}
