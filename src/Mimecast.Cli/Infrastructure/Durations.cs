using System.Globalization;

namespace Mimecast.Cli;

/// <summary>
/// Parses the time arguments of the CLI: relative durations (<c>90s</c>, <c>90m</c>, <c>24h</c>, <c>7d</c>, combined as
/// <c>1h30m</c>), <c>now</c>, <c>today</c>/<c>yesterday</c> (midnight UTC), ISO-8601 instants
/// (<c>2026-12-05T00:00:00Z</c>, an offset required when a time is given) and dates (<c>2026-12-05</c>, midnight UTC).
/// </summary>
internal static class Durations
{
    /// <summary>Parses a duration (<c>60s</c>, <c>90m</c>, <c>24h</c>, <c>7d</c>, <c>1h30m</c>, <c>250ms</c>; a bare number is seconds).</summary>
    /// <exception cref="CliException">The text is no duration (exit code 2).</exception>
    public static TimeSpan ParseDuration(string text) =>
        TryParseDuration(text, out TimeSpan value) ? value
            : throw CliException.Usage($"'{text}' is not a duration: use for example 60s, 90m, 24h or 7d.");

    /// <summary>Tries to parse a duration; see <see cref="ParseDuration"/>.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        ReadOnlySpan<char> rest = text.Trim();
        if (double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out double bare))
        {
            return bare >= 0 && TrySeconds(bare, out value);
        }

        double total = 0;
        while (!rest.IsEmpty)
        {
            int digits = 0;
            while (digits < rest.Length && (char.IsAsciiDigit(rest[digits]) || rest[digits] == '.'))
            {
                digits++;
            }

            int unitEnd = digits;
            while (unitEnd < rest.Length && char.IsAsciiLetter(rest[unitEnd]))
            {
                unitEnd++;
            }

            if (digits == 0 || unitEnd == digits
                || !double.TryParse(rest[..digits], NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
            {
                return false;
            }

            double? unit = rest[digits..unitEnd].ToString().ToLowerInvariant() switch
            {
                "ms" => 0.001,
                "s" or "sec" => 1,
                "m" or "min" => 60,
                "h" => 3600,
                "d" => 86400,
                "w" => 7 * 86400,
                _ => null,
            };
            if (unit is null)
            {
                return false;
            }

            total += number * unit.Value;
            rest = rest[unitEnd..];
        }

        return TrySeconds(total, out value);
    }

    /// <summary>
    /// Parses an instant: a duration counts back from <paramref name="now"/> (<c>24h</c> is 24 hours ago), or
    /// <c>now</c>, <c>today</c>, <c>yesterday</c>, an ISO-8601 instant or date.
    /// </summary>
    /// <exception cref="CliException">The text is no instant (exit code 2).</exception>
    public static DateTimeOffset ParseInstant(string text, DateTimeOffset now) =>
        TryParseInstant(text, now, out DateTimeOffset value) ? value
            : throw CliException.Usage($"'{text}' is not a time: use a duration back from now (24h, 7d), now, today, yesterday, or ISO-8601 (2026-12-05T00:00:00Z).");

    /// <summary>Tries to parse an instant; see <see cref="ParseInstant"/>.</summary>
    public static bool TryParseInstant(string? text, DateTimeOffset now, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string t = text.Trim();
        DateTimeOffset midnight = new(now.UtcDateTime.Date, TimeSpan.Zero);
        switch (t.ToLowerInvariant())
        {
            case "now":
                value = now;
                return true;
            case "today":
                value = midnight;
                return true;
            case "yesterday":
                value = midnight.AddDays(-1);
                return true;
        }

        if (TryParseDuration(t, out TimeSpan ago))
        {
            value = now - ago;
            return true;
        }

        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
        {
            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        // A time without an offset is ambiguous (local or UTC?): refused rather than guessed.
        bool hasOffset = t.EndsWith('Z') || t.EndsWith('z') || t.LastIndexOfAny(['+', '-']) > t.IndexOf('T', StringComparison.Ordinal) && t.Contains('T', StringComparison.Ordinal);
        return hasOffset && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static bool TrySeconds(double seconds, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (double.IsNaN(seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
