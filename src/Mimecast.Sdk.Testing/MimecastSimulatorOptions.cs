using System.Security.Cryptography.X509Certificates;

namespace Mimecast.Sdk.Testing;

/// <summary>Options of a <see cref="MimecastSimulator"/>. Read once, when the simulator starts.</summary>
public sealed class MimecastSimulatorOptions
{
    /// <summary>The clock of everything time-based (binding and token expiry, date skew, rate-limit windows, record timestamps). Default: <see cref="TimeProvider.System"/>; use a <c>FakeTimeProvider</c> in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The TCP port to bind on 127.0.0.1; 0 (the default) picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>The IP address to bind: <c>127.0.0.1</c> (the default, loopback only), <c>0.0.0.0</c> (every IPv4 address, e.g. in a container), <c>::</c>, or <c>localhost</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>When set, the simulator serves HTTPS with this certificate (it must carry its private key); null (the default) serves plain HTTP.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>The base URL discover-authentication answers in <c>region.api</c>, e.g. the address of a TLS front or a container's published port; null (the default) answers <see cref="MimecastSimulator.BaseUrl"/>.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// When set, the HTTP control API (<c>/_simulator/…</c>: faults, quotas, lifetimes, records, expiry, journal, counters, reset)
    /// is served to requests carrying <c>Authorization: Bearer {ControlToken}</c>. Null (the default) leaves it off.
    /// </summary>
    public string? ControlToken { get; set; }

    /// <summary>Seed of generated records, new binding keys and fault probabilities. Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>The accounts. When empty (the default) the simulator serves one account, <see cref="SimulatorAccount.CreateDefault"/>.</summary>
    public IList<SimulatorAccount> Accounts { get; } = [];

    /// <summary>Allowed difference between <c>x-mc-date</c> and the simulator's clock, either way. Default 15 minutes.</summary>
    public TimeSpan DateSkew { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an API 1.0 binding lasts after login or refresh (answered as <c>duration</c>). Default 3 days.</summary>
    public TimeSpan BindingLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long an API 2.0 access token lasts (answered as <c>expires_in</c>). Default 1799 seconds.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(1799);

    /// <summary>Largest accepted <c>meta.pagination.pageSize</c>; larger answers a <c>fail</c> (<see cref="SimulatorErrorCodes.PageSize"/>). Default 500.</summary>
    public int MaxPageSize { get; set; } = 500;

    /// <summary>Page size used when the request names none. Default 100.</summary>
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>
    /// What the page tokens of the paged listings (TTP logs, audit events) mean: <see cref="SimulatorPageTokens.Position"/>
    /// (the default) resumes after the last record served; <see cref="SimulatorPageTokens.Offset"/> skips as many
    /// records of the live listing as were served, so a record added behind the position during a listing shifts the
    /// next page (its first record is the previous page's last).
    /// </summary>
    public SimulatorPageTokens PageTokens { get; set; }

    /// <summary>When true (the default) an API 1.0 request whose <c>x-mc-req-id</c> was already accepted for the same user within the date skew window is refused (a retry must be a new, newly signed request).</summary>
    public bool RejectReplayedRequestIds { get; set; } = true;

    /// <summary>The per-user rate-limit bucket.</summary>
    public SimulatorRateLimitOptions RateLimit { get; } = new();

    /// <summary>URL click records each account starts with. Default 250.</summary>
    public int InitialUrlLogs { get; set; } = 250;

    /// <summary>Attachment records each account starts with. Default 120.</summary>
    public int InitialAttachmentLogs { get; set; } = 120;

    /// <summary>Impersonation records each account starts with. Default 60.</summary>
    public int InitialImpersonationLogs { get; set; } = 60;

    /// <summary>The initial records are spread over this span before the start time. Default 48 hours.</summary>
    public TimeSpan InitialLogSpan { get; set; } = TimeSpan.FromHours(48);

    /// <summary>The API 2.0 log sources: SIEM events (stream and batch files) and audit events, their quotas and seeding.</summary>
    public SimulatorSiemOptions Siem { get; } = new();
}

/// <summary>The per-user rate-limit bucket: <see cref="Limit"/> calls per <see cref="Window"/>, shared by all of a user's bindings and tokens.</summary>
public sealed class SimulatorRateLimitOptions
{
    /// <summary>Whether requests are refused with 429 once the bucket is empty. Default true. Headers are sent either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Calls per window. Default 1000.</summary>
    public int Limit { get; set; } = 1000;

    /// <summary>The window; the bucket refills completely when it rolls. Default 1 minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>What a paged listing's page token means (Mimecast does not document it).</summary>
public enum SimulatorPageTokens
{
    /// <summary>The token is the position of the last record served: the next page starts after it, whatever was added meanwhile.</summary>
    Position = 0,

    /// <summary>The token is an offset into the live listing: a record added before it during a listing shifts the next page by one.</summary>
    Offset = 1,
}
