using System.Text;
using System.Text.Json;

namespace Mimecast.Sdk.Testing;

/// <summary>Answers a request with the injected fault that is due, if any (see <see cref="SimulatorFaults"/>).</summary>
internal sealed class FaultInjector(SimulatorCore core, SimulatorFaults faults, SimulatorResponder responder)
{
    private TimeProvider Time => core.Settings.Time;

    /// <summary>Applies a fault, if one is due. Returns true when the request was answered (or dropped) by the fault.</summary>
    /// <param name="ex">The request.</param>
    /// <param name="rated">Whether the seeded fault rates apply (data calls); queued faults with a path apply anywhere.</param>
    /// <param name="data">The request's <c>data[0]</c>, echoed as the key of a <c>fail</c>.</param>
    /// <param name="token">The bearer token used, revoked by a <see cref="SimulatorFault.TokenExpired"/> fault.</param>
    public Task<bool> ApplyAsync(Exchange ex, bool rated, JsonElement? data, AccessToken? token = null) =>
        faults.Next(ex.Path, rated) is { } d ? ApplyAsync(ex, d, data, token) : Task.FromResult(false);

    /// <summary>Answers with a fault already drawn (see <see cref="SimulatorFaults.Next"/>). Returns true when the request was answered (or dropped).</summary>
    /// <param name="ex">The request.</param>
    /// <param name="d">The fault.</param>
    /// <param name="data">The request's <c>data[0]</c>, echoed as the key of a <c>fail</c>.</param>
    /// <param name="token">The bearer token used, revoked by a <see cref="SimulatorFault.TokenExpired"/> fault.</param>
    public async Task<bool> ApplyAsync(Exchange ex, FaultDecision d, JsonElement? data, AccessToken? token = null)
    {
        ex.Fault = d.Fault;
        switch (d.Fault)
        {
            case SimulatorFault.Latency:
                try
                {
                    await Task.Delay(d.Latency, Time, ex.Aborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ex.Aborted.IsCancellationRequested)
                {
                    // The client gave up while waiting (e.g. its timeout): journal it as unanswered.
                    responder.Journal(ex, 0);
                    return true;
                }

                return false;
            case SimulatorFault.ServerError:
                await responder.FailAsync(ex, 503, new FailError(SimulatorErrorCodes.ServiceUnavailable, "The service is temporarily unavailable", Retryable: true)).ConfigureAwait(false);
                return true;
            case SimulatorFault.FailEnvelope:
                await responder.FailAsync(ex, 200, new FailError(SimulatorErrorCodes.InternalError, "An internal error occurred; try again", Retryable: true), data).ConfigureAwait(false);
                return true;
            case SimulatorFault.MalformedJson:
            {
                byte[] body = Encoding.UTF8.GetBytes("{\"meta\":{\"status\":200,\"pagination\":{\"pageSize\":100,\"next\":\"eyJ2IjoxfQ\"}},\"data\":[{\"" + ex.ListName + "\":[{\"date\":\"2026-11-20T10:03:07+0000\",\"subject\":\"Quarterly re");
                await responder.RespondAsync(ex, 200, body).ConfigureAwait(false);
                return true;
            }

            case SimulatorFault.HtmlErrorPage:
            {
                ex.ErrorCode = null;
                byte[] body = Encoding.UTF8.GetBytes("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>simulator</center></body></html>\n");
                await responder.RespondAsync(ex, 502, body, "text/html; charset=utf-8").ConfigureAwait(false);
                return true;
            }

            case SimulatorFault.AppliedAnswerLost:
                // Served normally; the responder drops the connection instead of writing the answer (see RespondAsync).
                return false;
            case SimulatorFault.DroppedConnection:
                responder.Journal(ex, 0);
                ex.Http.Abort();
                return true;
            case SimulatorFault.RateLimited:
            {
                if (ex.Account is { } account)
                {
                    lock (core.Gate)
                    {
                        core.CountRateLimited(account);
                    }
                }

                ex.Rate = new RateDecision(false, core.Settings.RateLimit, 0, Math.Max(1, (long)Math.Ceiling(d.Reset.TotalMilliseconds)));
                await responder.RateLimitedAsync(ex).ConfigureAwait(false);
                return true;
            }

            case SimulatorFault.TokenExpired:
            default:
                if (token is not null)
                {
                    lock (core.Gate)
                    {
                        token.ExpiresAt = Time.GetUtcNow();
                    }
                }

                await responder.FlatFailAsync(ex, 401, SimulatorErrorCodes.TokenExpired, "The access token has expired").ConfigureAwait(false);
                return true;
        }
    }
}
