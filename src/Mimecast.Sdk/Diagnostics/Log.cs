using Microsoft.Extensions.Logging;

namespace Mimecast.Sdk.Diagnostics;

/// <summary>
/// Every log line the SDK writes. Arguments are allow-listed: operation names, statuses, counts, durations and
/// error codes; never a header, key, token, password, signature or body.
/// </summary>
internal static partial class Log
{
    /// <summary>The logger category of the client, its pipeline and its operations (stable whatever type implements them).</summary>
    internal const string ClientCategory = "Mimecast.Sdk.MimecastClient";

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Mimecast {Operation} completed with HTTP {Status} after {Attempts} attempt(s) in {ElapsedMs} ms")]
    internal static partial void OperationCompleted(ILogger logger, string operation, int status, int attempts, double elapsedMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Mimecast {Operation} failed with HTTP {Status} ({ErrorCode}) after {Attempts} attempt(s); request id {RequestId}")]
    internal static partial void OperationFailed(ILogger logger, string operation, int? status, string? errorCode, int attempts, string? requestId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Mimecast {Operation}: quota exhausted (HTTP 429) on attempt {Attempt}; waiting {WaitMs} ms before resending")]
    internal static partial void RateLimited(ILogger logger, string operation, int attempt, double waitMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Mimecast {Operation}: held {WaitMs} ms for the shared quota bucket")]
    internal static partial void HeldForQuota(ILogger logger, string operation, double waitMs);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Mimecast {Operation}: gave up after waiting {WaitMs} ms for the quota")]
    internal static partial void RateLimitGaveUp(ILogger logger, string operation, double waitMs);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Mimecast {Operation}: transient failure ({Outcome}) on attempt {Attempt}; retrying in {DelayMs} ms")]
    internal static partial void Retrying(ILogger logger, string operation, string outcome, int attempt, double delayMs);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Mimecast {Operation}: attempt {Attempt} answered HTTP {Status}")]
    internal static partial void AttemptCompleted(ILogger logger, string operation, int attempt, int status);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Mimecast API 2.0 access token obtained, valid for {Seconds} s")]
    internal static partial void TokenAcquired(ILogger logger, double seconds);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Mimecast {Operation}: HTTP 401, renewing the access token and resending once")]
    internal static partial void RenewingAfterUnauthorized(ILogger logger, string operation);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Mimecast API 2.0 token request failed with HTTP {Status} ({ErrorCode})")]
    internal static partial void TokenRequestFailed(ILogger logger, int? status, string? errorCode);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Mimecast API 2.0 background token renewal failed ({ErrorType}); the current token stays in use until it expires and renewal is tried again after a backoff")]
    internal static partial void TokenRenewalFailed(ILogger logger, string errorType);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Mimecast action {Operation} by client {Client} on {Target}: {Outcome} ({Succeeded} succeeded, {Failed} failed, {Unknown} unknown); request id {RequestId}")]
    internal static partial void Action(ILogger logger, string operation, string client, string target, string outcome, int succeeded, int failed, int unknown, string? requestId);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Mimecast action {Operation} by client {Client} on {Target}: outcome checked by {Check}: {Outcome}")]
    internal static partial void ActionChecked(ILogger logger, string operation, string client, string target, string outcome, string check);
}
