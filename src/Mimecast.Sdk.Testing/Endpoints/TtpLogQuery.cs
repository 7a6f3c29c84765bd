using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mimecast.Sdk.Testing;

/// <summary>The parsed filters of a TTP log request, its canonical form (for the page-token fingerprint) and its record filter.</summary>
internal sealed class TtpLogQuery
{
    private static readonly string[] Routes = ["all", "internal", "outbound", "inbound"];
    private static readonly string[] ScanResults = ["all", "clean", "malicious"];
    private static readonly string[] AttachmentResults = ["all", "malicious", "safe", "timeout", "error", "unsafe"];
    private static readonly string[] SearchFields = ["all", "senderaddress", "recipientaddress", "subject", "senderipaddress"];

    public FailError? Error { get; set; }

    public DateTimeOffset? From { get; set; }

    public DateTimeOffset? To { get; set; }

    public bool OldestFirst { get; set; }

    public string Canonical { get; set; } = string.Empty;

    public Func<ISimulatorLog, bool> Matches { get; set; } = _ => true;

    /// <summary>Gets or sets whether <see cref="Matches"/> accepts every record (only the date range applies).</summary>
    public bool Unfiltered { get; set; }

    /// <summary>This query as the kit's <see cref="PagedQuery{T}"/> (its failure, or its range, order, canonical form and filter).</summary>
    public PagedQuery<T> ToQuery<T>()
        where T : class, ISimulatorLog =>
        Error is { } error ? PagedQuery<T>.Failed(error) : new PagedQuery<T>(From, To, OldestFirst, Canonical, Unfiltered ? null : item => Matches(item));

    public static TtpLogQuery Parse(SimulatorLogKind kind, JsonElement? data)
    {
        var q = new TtpLogQuery();
        var canonical = new StringBuilder(kind.ToString());
        if (!RequestFields.TryDate(data, "from", out DateTimeOffset? from, out FailError? err) || !RequestFields.TryDate(data, "to", out DateTimeOffset? to, out err)
            || !RequestFields.TryBool(data, "oldestFirst", out bool? oldestFirst, out err))
        {
            q.Error = err;
            return q;
        }

        q.From = from;
        q.To = to;
        q.OldestFirst = oldestFirst ?? false;
        canonical.Append(CultureInfo.InvariantCulture, $"|from={from?.UtcTicks}|to={to?.UtcTicks}|oldestFirst={q.OldestFirst}");

        if (kind == SimulatorLogKind.Impersonation)
        {
            return ParseImpersonation(q, data, canonical);
        }

        if (!RequestFields.TryEnum(data, "route", Routes, out string route, out err))
        {
            q.Error = err;
            return q;
        }

        string filterName = kind == SimulatorLogKind.Url ? "scanResult" : "result";
        if (!RequestFields.TryEnum(data, filterName, kind == SimulatorLogKind.Url ? ScanResults : AttachmentResults, out string result, out err))
        {
            q.Error = err;
            return q;
        }

        canonical.Append(CultureInfo.InvariantCulture, $"|route={route}|{filterName}={result}");
        q.Canonical = canonical.ToString();
        q.Unfiltered = route == "all" && result == "all";
        q.Matches = item =>
        {
            (string r, string v) = item switch
            {
                SimulatorUrlLog u => (u.Route, u.ScanResult),
                SimulatorAttachmentLog a => (a.Route, a.Result),
                _ => (string.Empty, string.Empty),
            };
            return (route == "all" || string.Equals(r, route, StringComparison.OrdinalIgnoreCase))
                && (result == "all" || string.Equals(v, result, StringComparison.OrdinalIgnoreCase));
        };
        return q;
    }

    private static TtpLogQuery ParseImpersonation(TtpLogQuery q, JsonElement? data, StringBuilder canonical)
    {
        if (!RequestFields.TryEnum(data, "searchField", SearchFields, out string searchField, out FailError? err)
            || !RequestFields.TryBool(data, "taggedMalicious", out bool? taggedMalicious, out err)
            || !RequestFields.TryBool(data, "taggedExternal", out bool? taggedExternal, out err)
            || !RequestFields.TryStrings(data, "identifiers", out string[] identifiers, out err)
            || !RequestFields.TryStrings(data, "actions", out string[] actions, out err))
        {
            q.Error = err;
            return q;
        }

        string? query = RequestFields.StringField(data, "query");
        canonical.Append(CultureInfo.InvariantCulture, $"|searchField={searchField}|query={query}|tm={taggedMalicious}|te={taggedExternal}|ids={string.Join(',', identifiers)}|actions={string.Join(',', actions)}");
        q.Canonical = canonical.ToString();
        q.Unfiltered = taggedMalicious is null && taggedExternal is null && identifiers.Length == 0 && actions.Length == 0 && string.IsNullOrEmpty(query);
        q.Matches = item =>
        {
            var r = (SimulatorImpersonationLog)item;
            if ((taggedMalicious is { } tm && r.TaggedMalicious != tm) || (taggedExternal is { } te && r.TaggedExternal != te))
            {
                return false;
            }

            if (identifiers.Length > 0 && !r.Identifiers.Any(i => identifiers.Contains(i, StringComparer.OrdinalIgnoreCase)))
            {
                return false;
            }

            if (actions.Length > 0 && !actions.Contains(r.Action, StringComparer.OrdinalIgnoreCase))
            {
                return false;
            }

            if (string.IsNullOrEmpty(query))
            {
                return true;
            }

            string[] fields = searchField switch
            {
                "senderaddress" => [r.SenderAddress],
                "recipientaddress" => [r.RecipientAddress],
                "subject" => [r.Subject],
                "senderipaddress" => [r.SenderIpAddress],
                _ => [r.SenderAddress, r.RecipientAddress, r.Subject, r.SenderIpAddress],
            };
            return fields.Any(f => f.Contains(query, StringComparison.OrdinalIgnoreCase));
        };
        return q;
    }
}
