namespace Mimecast.Sdk.Testing;

/// <summary>A snapshot of the simulator's counters (also served by the control API as <c>GET /_simulator/counters</c>).</summary>
/// <param name="RequestsDuringWait">Requests that arrived while their caller had been told to wait (after a 429 or <c>X-RateLimit-Remaining: 0</c>, before the reset).</param>
/// <param name="RateLimitedResponses">429 answers (bucket empty or injected).</param>
/// <param name="TokenRequests">Requests to <c>/oauth/token</c>.</param>
/// <param name="TokensIssued">Access tokens issued.</param>
/// <param name="PendingFaults">Queued faults not yet applied.</param>
/// <param name="JournalEntries">Entries in the journal.</param>
/// <param name="Accounts">Per-account counters, in account order.</param>
public sealed record SimulatorCounters(
    long RequestsDuringWait,
    long RateLimitedResponses,
    long TokenRequests,
    long TokensIssued,
    int PendingFaults,
    int JournalEntries,
    IReadOnlyList<SimulatorAccountCounters> Accounts);

/// <summary>The counters of one account.</summary>
/// <param name="EmailAddress">The account.</param>
/// <param name="RequestsDuringWait">Its requests that arrived while it had been told to wait.</param>
/// <param name="RateLimitedResponses">Its 429 answers.</param>
/// <param name="UrlLogs">URL click records held.</param>
/// <param name="AttachmentLogs">Attachment records held.</param>
/// <param name="ImpersonationLogs">Impersonation records held.</param>
/// <param name="ActiveBindings">Bindings not logged out (expired ones included).</param>
public sealed record SimulatorAccountCounters(
    string EmailAddress,
    long RequestsDuringWait,
    long RateLimitedResponses,
    int UrlLogs,
    int AttachmentLogs,
    int ImpersonationLogs,
    int ActiveBindings);
