using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// The envelope and error side of every Mimecast answer: status, rate-limit headers, the <c>fail</c> shapes,
/// the journal entry, and reading the request's JSON envelope.
/// </summary>
internal sealed class SimulatorResponder(SimulatorCore core, SimulatorJournal journal)
{
    /// <summary>Real Mimecast answers <c>application/json</c> without a charset parameter.</summary>
    public const string JsonContentType = "application/json";

    public Task RateLimitedAsync(Exchange ex) =>
        FailAsync(ex, 429, new FailError(SimulatorErrorCodes.RateLimitExceeded, "The rate limit has been exceeded: wait X-RateLimit-Reset milliseconds", Retryable: true));

    public Task FailAsync(Exchange ex, int status, FailError error, JsonElement? key = null)
    {
        ex.ErrorCode = error.Code;
        return RespondAsync(ex, status, JsonOut.Failure(status, error, key));
    }

    public Task FlatFailAsync(Exchange ex, int status, string code, string message, string? oauthError = null)
    {
        ex.ErrorCode = code;
        return RespondAsync(ex, status, JsonOut.FlatFailure(status, code, message, oauthError));
    }

    public async Task RespondAsync(Exchange ex, int status, byte[] body, string contentType = JsonContentType)
    {
        if (ex.Fault == SimulatorFault.AppliedAnswerLost)
        {
            // The request was carried out (its state change is kept); its answer never reaches the caller.
            ex.ErrorCode = null;
            Journal(ex, 0);
            ex.Http.Abort();
            return;
        }

        HttpResponse response = ex.Http.Response;
        RateDecision rate = ex.Rate ?? DefaultRate(ex);
        if (ex.Account is { } account && (status == 429 || rate.Remaining == 0))
        {
            lock (core.Gate)
            {
                DateTimeOffset until = ex.Arrived + TimeSpan.FromMilliseconds(rate.ResetMs);
                if (until > account.WaitUntil)
                {
                    account.WaitUntil = until;
                }
            }
        }

        response.Headers["X-RateLimit-Limit"] = rate.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = rate.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = rate.ResetMs.ToString(CultureInfo.InvariantCulture);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        ex.Rate = rate;
        Journal(ex, status);
        await response.Body.WriteAsync(body, ex.Aborted).ConfigureAwait(false);
    }

    /// <summary>Journals a request that gets no answer (dropped, or given up by the client).</summary>
    public void Journal(Exchange ex, int status)
    {
        journal.Add(new SimulatorJournalEntry
        {
            Timestamp = ex.Arrived,
            Method = ex.Http.Request.Method,
            Path = ex.Path,
            AuthKind = ex.AuthKind,
            AccountEmail = ex.Account?.Email,
            CredentialId = ex.CredentialId,
            RequestId = RequestFields.Header(ex, "x-mc-req-id"),
            StatusCode = status,
            ErrorCode = ex.ErrorCode,
            PageToken = ex.PageToken,
            PageSize = ex.PageSize,
            RecordCount = ex.RecordCount,
            Fault = ex.Fault,
            RateLimitRemaining = ex.Rate?.Remaining ?? core.Settings.RateLimit,
        });
    }

    /// <summary>Reads the request envelope. Ok is false when a 400 was answered; an empty body gives a null document.</summary>
    public async Task<(JsonDocument? Doc, bool Ok)> ReadBodyAsync(Exchange ex)
    {
        using var buffer = new MemoryStream();
        await ex.Http.Request.Body.CopyToAsync(buffer, ex.Aborted).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return (null, true);
        }

        try
        {
            var doc = JsonDocument.Parse(buffer.ToArray());
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || (root.TryGetProperty("data", out JsonElement data) && data.ValueKind != JsonValueKind.Array))
            {
                doc.Dispose();
                await FailAsync(ex, 400, new FailError(SimulatorErrorCodes.MalformedRequest, "The body must be a JSON object whose data is an array")).ConfigureAwait(false);
                return (null, false);
            }

            return (doc, true);
        }
        catch (JsonException)
        {
            await FailAsync(ex, 400, new FailError(SimulatorErrorCodes.MalformedRequest, "The body is not valid JSON")).ConfigureAwait(false);
            return (null, false);
        }
    }

    private RateDecision DefaultRate(Exchange ex)
    {
        lock (core.Gate)
        {
            return ex.Account is { } account
                ? account.Bucket.Peek(ex.Arrived, core.Settings)
                : new RateDecision(true, core.Settings.RateLimit, core.Settings.RateLimit, (long)core.Settings.RateWindow.TotalMilliseconds);
        }
    }
}
