namespace Mimecast.Sdk.Http;

/// <summary>Whether a request that may have reached Mimecast can be sent again.</summary>
internal enum OperationIdempotency
{
    /// <summary>A read: resent after any transient fault.</summary>
    Read,

    /// <summary>A write whose second execution changes nothing (a delete, an add that reports "already done"): retried like a read.</summary>
    IdempotentWrite,

    /// <summary>
    /// A write that must never run twice by accident: resent only after a 429 (Mimecast did not execute the function) or
    /// a failure that provably happened before the request was sent (connection refused, DNS); never after it may have
    /// reached Mimecast (5xx, 408, a timeout, a connection cut after sending).
    /// </summary>
    NonIdempotentWrite,
}

/// <summary>The API generations an operation runs on.</summary>
[Flags]
internal enum OperationGenerations
{
    /// <summary>API 1.0 (HMAC-signed, regional host).</summary>
    Api1 = 1,

    /// <summary>API 2.0 (OAuth2 bearer, gateway).</summary>
    Api2 = 2,

    /// <summary>Both generations (the same <c>/api/...</c> path).</summary>
    Both = Api1 | Api2,
}

/// <summary>
/// Describes one Mimecast operation for the engine: its name for logs and telemetry, its path, the generations it runs
/// on, how it may be resent, and its paging or bulk limits. The descriptors of one family live together in one file.
/// </summary>
internal sealed record MimecastOperation(string Name, string Path)
{
    /// <summary>Gets the API generations the operation runs on (the credential guard refuses the others before sending).</summary>
    public OperationGenerations Generations { get; init; } = OperationGenerations.Both;

    /// <summary>Gets whether and when the operation may be sent again.</summary>
    public OperationIdempotency Idempotency { get; init; } = OperationIdempotency.Read;

    /// <summary>Gets the name of the list property inside each <c>data</c> entry of a listing, for documentation and wire checks (<see langword="null"/>: the entries are the records).</summary>
    public string? ListProperty { get; init; }

    /// <summary>Gets the page size used when neither the call, the query nor the options set one.</summary>
    public int DefaultPageSize { get; init; } = 100;

    /// <summary>Gets the largest page size Mimecast accepts; every requested size is clamped to it.</summary>
    public int MaxPageSize { get; init; } = 10_000;

    /// <summary>Gets the most items one call may carry (bulk actions), or <see langword="null"/> for a single-item call.</summary>
    public int? MaxItemsPerCall { get; init; }

    /// <summary>Gets the key of the operation's client-side call pacing (documented per-endpoint quotas), or <see langword="null"/> for none.</summary>
    public string? PacingKey { get; init; }

    /// <summary>
    /// Gets, for a non-idempotent write, the sentence telling the caller what to check when the outcome is unknown; an
    /// operation without one (login, refresh) reports an unknown outcome as a plain <see cref="MimecastApiException"/>.
    /// </summary>
    public string? WhatToCheck { get; init; }

    /// <summary>Gets a value indicating whether a request that may have reached Mimecast may be sent again.</summary>
    public bool Idempotent => Idempotency != OperationIdempotency.NonIdempotentWrite;
}
