using Microsoft.AspNetCore.Http;

namespace Mimecast.Sdk.Testing;

/// <summary>Per-request facts collected for the journal and the rate-limit headers.</summary>
internal sealed class Exchange(HttpContext http, DateTimeOffset arrived, string path)
{
    public HttpContext Http { get; } = http;

    public DateTimeOffset Arrived { get; } = arrived;

    public string Path { get; } = path;

    /// <summary>The name of the record list of the route's answer (used by the <see cref="SimulatorFault.MalformedJson"/> fault).</summary>
    public string ListName { get; set; } = "items";

    public SimulatorAuthKind AuthKind { get; set; }

    public AccountState? Account { get; set; }

    public string? CredentialId { get; set; }

    public string? ErrorCode { get; set; }

    public string? PageToken { get; set; }

    public int? PageSize { get; set; }

    public int? RecordCount { get; set; }

    public SimulatorFault? Fault { get; set; }

    public RateDecision? Rate { get; set; }

    public CancellationToken Aborted => Http.RequestAborted;
}
