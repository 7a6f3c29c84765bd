namespace Mimecast.Sdk.Http;

/// <summary>
/// Time arithmetic that cannot overflow. Options accept waits up to <see cref="TimeSpan.MaxValue"/>; a timer cannot be
/// armed for longer than about 49.7 days and a <see cref="DateTimeOffset"/> cannot pass year 9999, so every sum and
/// every timer goes through here.
/// </summary>
internal static class MimecastTimeouts
{
    /// <summary>The longest due time a timer or a <see cref="CancellationTokenSource"/> accepts (<c>uint.MaxValue - 1</c> ms).</summary>
    internal static readonly TimeSpan MaxTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    /// <summary>Whether <paramref name="timeout"/> means "no limit": infinite, or longer than any timer can run.</summary>
    internal static bool IsUnbounded(TimeSpan timeout) => timeout == Timeout.InfiniteTimeSpan || timeout > MaxTimer;

    /// <summary>A due time for a timer: <paramref name="due"/>, shortened to <see cref="MaxTimer"/> (the caller looks again when it fires).</summary>
    internal static TimeSpan ForTimer(TimeSpan due) => due > MaxTimer ? MaxTimer : due;

    /// <summary><paramref name="at"/> + <paramref name="by"/>, or <see cref="DateTimeOffset.MaxValue"/> when that is beyond the calendar.</summary>
    internal static DateTimeOffset Add(DateTimeOffset at, TimeSpan by) =>
        by > TimeSpan.Zero && DateTimeOffset.MaxValue - at <= by ? DateTimeOffset.MaxValue : at + by;

    /// <summary><paramref name="a"/> + <paramref name="b"/> for non-negative spans, or <see cref="TimeSpan.MaxValue"/> when that overflows.</summary>
    internal static TimeSpan Add(TimeSpan a, TimeSpan b) =>
        b > TimeSpan.Zero && TimeSpan.MaxValue - a <= b ? TimeSpan.MaxValue : a + b;
}
