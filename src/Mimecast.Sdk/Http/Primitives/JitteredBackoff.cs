namespace Mimecast.Sdk.Http.Primitives;

/// <summary>The SDK's own backoff (where Polly's retry does not apply): doubling from a first delay, capped, jittered in [delay/2, delay].</summary>
internal static class JitteredBackoff
{
    internal static TimeSpan Delay(TimeSpan first, int previousAttempts, TimeSpan max)
    {
        var baseMs = first.TotalMilliseconds * Math.Pow(2, Math.Min(previousAttempts, 16));
        var capped = Math.Min(baseMs, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Math.Ceiling((capped / 2) + (Random.Shared.NextDouble() * capped / 2)));
    }
}
