using Mimecast.Sdk.Auth;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Http;

/// <summary>
/// Travels with one logical call through the handler pipeline (in <see cref="HttpRequestMessage.Options"/>): which
/// customer, which credentials and bucket, and what happened to it (attempts, waits), for the exception and telemetry.
/// </summary>
internal sealed class MimecastRequestState
{
    internal static readonly HttpRequestOptionsKey<MimecastRequestState> Key = new("Mimecast.Sdk.RequestState");

    internal MimecastRequestState(MimecastClientContext client, MimecastOperation operation, IMimecastAuth auth, RateLimitBucket bucket)
    {
        Client = client;
        Operation = operation;
        Auth = auth;
        Bucket = bucket;
    }

    internal MimecastClientContext Client { get; }

    internal MimecastOperation Operation { get; }

    internal IMimecastAuth Auth { get; }

    internal RateLimitBucket Bucket { get; }

    internal MimecastClientOptions Options => Client.Options;

    /// <summary>Requests put on the wire, counting every retry and resend.</summary>
    internal int Attempts { get; set; }

    internal int RateLimitResponses { get; set; }

    internal TimeSpan RateLimitWait { get; set; }

    internal MimecastRateLimitInfo? LastRateLimit { get; set; }

    internal string? LastRequestId { get; set; }

    /// <summary>The items the call carries (identifiers for an unknown-outcome report), if any.</summary>
    internal IReadOnlyList<string>? Items { get; set; }

    /// <summary>
    /// For a write, how many of its items succeeded, failed or have an unknown outcome, set by the bulk mapping of a
    /// successful answer; <see langword="null"/> means every item succeeded (a single write that returned normally).
    /// </summary>
    internal (int Succeeded, int Failed, int Unknown)? ItemOutcomes { get; set; }

    internal static MimecastRequestState? Get(HttpRequestMessage request) =>
        request.Options.TryGetValue(Key, out var state) ? state : null;
}
