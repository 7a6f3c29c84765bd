namespace Mimecast.Sdk.Testing;

/// <summary>A snapshot of the simulator's counters (also served by the control API as <c>GET /_simulator/counters</c>).</summary>
public sealed record SimulatorCounters
{
    /// <summary>Requests that arrived while their caller had been told to wait (after a 429 or <c>X-RateLimit-Remaining: 0</c>, before the reset).</summary>
    public long RequestsDuringWait { get; init; }

    /// <summary>429 answers (bucket empty or injected).</summary>
    public long RateLimitedResponses { get; init; }

    /// <summary>Requests to <c>/oauth/token</c>.</summary>
    public long TokenRequests { get; init; }

    /// <summary>Access tokens issued.</summary>
    public long TokensIssued { get; init; }

    /// <summary>Queued faults not yet applied.</summary>
    public int PendingFaults { get; init; }

    /// <summary>Entries in the journal.</summary>
    public int JournalEntries { get; init; }

    /// <summary>Per-account counters, in account order.</summary>
    public required IReadOnlyList<SimulatorAccountCounters> Accounts { get; init; }
}

/// <summary>The counters of one account.</summary>
public sealed record SimulatorAccountCounters
{
    /// <summary>The account.</summary>
    public required string EmailAddress { get; init; }

    /// <summary>Its requests that arrived while it had been told to wait.</summary>
    public long RequestsDuringWait { get; init; }

    /// <summary>Its 429 answers.</summary>
    public long RateLimitedResponses { get; init; }

    /// <summary>URL click records held.</summary>
    public int UrlLogs { get; init; }

    /// <summary>Attachment records held.</summary>
    public int AttachmentLogs { get; init; }

    /// <summary>Impersonation records held.</summary>
    public int ImpersonationLogs { get; init; }

    /// <summary>Bindings not logged out (expired ones included).</summary>
    public int ActiveBindings { get; init; }
}
