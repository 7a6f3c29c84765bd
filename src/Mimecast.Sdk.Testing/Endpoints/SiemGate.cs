using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Mimecast.Sdk.Testing;

/// <summary>Which SIEM quota a call takes from.</summary>
internal enum SiemQuota
{
    Stream,
    Batch,
}

/// <summary>
/// What the SIEM endpoints share: API 2.0 bearer authentication, their own per-endpoint quota (not the general
/// bucket), the injected faults, and answers in the SIEM error shape <c>{"error":{"code","message"}}</c>.
/// </summary>
internal sealed class SiemGate(SiemCore siem, SimulatorResponder responder, FaultInjector injector, SimulatorFaults faults)
{
    private SimulatorCore Core => siem.Core;

    /// <summary>Authenticates, takes one call from the quota and applies a due fault. Returns null when the request was answered.</summary>
    public async Task<SiemAccountState?> EnterAsync(Exchange ex, SiemQuota quota)
    {
        string? auth = ex.Http.Request.Headers.Authorization;
        if (auth is null || !auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            ex.AuthKind = auth is null ? SimulatorAuthKind.None : auth.StartsWith("MC ", StringComparison.Ordinal) ? SimulatorAuthKind.Hmac : SimulatorAuthKind.None;
            await responder.FlatFailAsync(ex, 401, SimulatorErrorCodes.InvalidAuthorization, "The SIEM endpoints need an API 2.0 bearer token").ConfigureAwait(false);
            return null;
        }

        ex.AuthKind = SimulatorAuthKind.Bearer;
        AccessToken? token;
        bool expired = false;
        SiemAccountState? state = null;
        RateDecision decision = default;
        lock (Core.Gate)
        {
            token = Core.FindToken(auth[7..].Trim());
            if (token is not null)
            {
                ex.Account = token.Owner;
                ex.CredentialId = token.Owner.Account.ClientId;
                expired = Core.Settings.Time.GetUtcNow() >= token.ExpiresAt;
                state = siem.For(token.Owner);
                decision = quota == SiemQuota.Stream
                    ? Core.TakeCall(token.Owner, state.StreamBucket, siem.Settings.StreamRate, state.StreamWaitUntil, ex.Arrived)
                    : Core.TakeCall(token.Owner, state.BatchBucket, siem.Settings.BatchRate, state.BatchWaitUntil, ex.Arrived);
                ex.Rate = decision;
            }
        }

        if (token is null || state is null || expired)
        {
            ex.Rate = null;
            await responder.FlatFailAsync(ex, 401, SimulatorErrorCodes.TokenExpired, "The access token is invalid or has expired").ConfigureAwait(false);
            return null;
        }

        if (!decision.Allowed)
        {
            await RateLimitedAsync(ex, state, quota).ConfigureAwait(false);
            return null;
        }

        if (faults.Next(ex.Path, isTtp: true) is { } fault)
        {
            if (fault.Fault == SimulatorFault.RateLimited)
            {
                lock (Core.Gate)
                {
                    Core.CountRateLimited(state.Account);
                }

                ex.Fault = fault.Fault;
                ex.Rate = new RateDecision(false, decision.Limit, 0, Math.Max(1, (long)Math.Ceiling(fault.Reset.TotalMilliseconds)));
                await RateLimitedAsync(ex, state, quota).ConfigureAwait(false);
                return null;
            }

            if (await injector.ApplyAsync(ex, fault, data: null, token).ConfigureAwait(false))
            {
                return null;
            }
        }

        return state;
    }

    public Task RateLimitedAsync(Exchange ex, SiemAccountState state, SiemQuota quota) =>
        ErrorAsync(ex, state, quota, 429, SimulatorSiemErrorCodes.RateLimitExceeded, "The quota of this endpoint has been exceeded: wait X-RateLimit-Reset milliseconds");

    public Task ErrorAsync(Exchange ex, SiemAccountState state, SiemQuota quota, int status, string code, string message)
    {
        ex.ErrorCode = code;
        byte[] body = SiemWire.ErrorBody(code, message);
        return RespondAsync(ex, state, quota, status, body);
    }

    /// <summary>Answers with the quota's rate-limit headers; a 429 or a last call makes the caller's wait (for <see cref="MimecastSimulator.RequestsDuringWait"/>) on that quota only.</summary>
    public async Task RespondAsync(Exchange ex, SiemAccountState state, SiemQuota quota, int status, byte[] body)
    {
        RateDecision rate = ex.Rate!.Value;
        if (status == 429 || rate.Remaining == 0)
        {
            lock (Core.Gate)
            {
                DateTimeOffset until = ex.Arrived + TimeSpan.FromMilliseconds(rate.ResetMs);
                if (quota == SiemQuota.Stream && until > state.StreamWaitUntil)
                {
                    state.StreamWaitUntil = until;
                }
                else if (quota == SiemQuota.Batch && until > state.BatchWaitUntil)
                {
                    state.BatchWaitUntil = until;
                }
            }
        }

        HttpResponse response = ex.Http.Response;
        response.Headers["X-RateLimit-Limit"] = rate.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = rate.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = rate.ResetMs.ToString(CultureInfo.InvariantCulture);
        response.StatusCode = status;
        response.ContentType = SimulatorResponder.JsonContentType;
        response.ContentLength = body.Length;
        responder.Journal(ex, status);
        await response.Body.WriteAsync(body, ex.Aborted).ConfigureAwait(false);
    }
}
