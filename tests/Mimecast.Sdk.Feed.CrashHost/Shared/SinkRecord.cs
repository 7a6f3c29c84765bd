using System.Globalization;
using System.Text;

namespace Mimecast.Sdk.Feed.CrashHost;

/// <summary>
/// One delivery that reached the crash host's sink: the customer, the feed's event id (the idempotency key), the
/// record's content key (comparable with the simulator's own records) and the tag of the batch that delivered it
/// (<c>{pid}.{n}</c>). Shared, as source, by the host (which writes it) and the crash tests (which read it).
/// </summary>
internal sealed record SinkRecord(string Customer, string EventId, string Key, string Tag)
{
    /// <summary>The content key of a URL click or attachment record: its time and four identifying fields.</summary>
    public static string ContentKey(string kind, DateTimeOffset time, string? a, string? b, string? c, string? d) =>
        string.Join('|', kind, time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), a, b, c, d);

    /// <summary>The content key of an impersonation record: its Mimecast id.</summary>
    public static string ImpersonationKey(string? id) => "impersonation|" + id;

    /// <summary>One line, ending in a newline; tabs, newlines and backslashes in values are escaped.</summary>
    public string ToLine() => string.Join('\t', Escape(Customer), Escape(EventId), Escape(Key), Escape(Tag)) + "\n";

    /// <summary>Parses a line written by <see cref="ToLine"/> (without its newline).</summary>
    public static SinkRecord Parse(string line)
    {
        var parts = line.Split('\t');
        if (parts.Length != 4)
        {
            throw new FormatException($"A sink line has {parts.Length} fields, expected 4: '{line}'");
        }

        return new SinkRecord(Unescape(parts[0]), Unescape(parts[1]), Unescape(parts[2]), Unescape(parts[3]));
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Unescape(string value)
    {
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                sb.Append(value[i] switch { 't' => '\t', 'n' => '\n', _ => value[i] });
            }
            else
            {
                sb.Append(value[i]);
            }
        }

        return sb.ToString();
    }
}
