using System.CommandLine;
using Mimecast.Cli.Commands.Actions;
using Mimecast.Sdk;
using Mimecast.Sdk.Models;

namespace Mimecast.Cli.Commands.Held;

/// <summary><c>mimecast held</c>: list and summarise the held queue, release or reject held messages.</summary>
internal static class HeldCommands
{
    private static string CheckHeld(string action) =>
        $"Its answer was lost and the held queue could not be read to check it. Run `mimecast held list` (or open the Held Messages view): "
        + $"if the id is still held it was not {action}d and may be {action}d again; if it is gone, it was {action}d (or handled by someone else).";

    // A string option mapped here rather than an enum option: no reflection over the enum (trimming, native AOT).
    private static readonly Dictionary<string, HeldSearchField> SearchFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["all"] = HeldSearchField.All,
        ["subject"] = HeldSearchField.Subject,
        ["sender"] = HeldSearchField.Sender,
        ["recipient"] = HeldSearchField.Recipient,
        ["reason-code"] = HeldSearchField.ReasonCode,
        ["sender-ip"] = HeldSearchField.SenderIp,
    };

    /// <summary>Creates the <c>held</c> command group.</summary>
    public static Command Create() => new("held", "The held queue: list, summary, release, reject")
    {
        List(),
        Summary(),
        Act("release", "Release held messages to their recipients"),
        Act("reject", "Reject held messages"),
    };

    private static Command List()
    {
        var since = new Option<string?>("--since") { Description = "Held since (24h, 7d, an ISO-8601 instant)" };
        var until = new Option<string?>("--until") { Description = "Held until (now, 1h, an ISO-8601 instant)" };
        var search = new Option<string?>("--search") { Description = "Text to look for (see --search-in)" };
        var searchIn = new Option<string?>("--search-in") { Description = "Where --search looks: all (default), subject, sender, recipient, reason-code, sender-ip (API 2.0 only)" };
        searchIn.AcceptOnlyFromAmong([.. SearchFields.Keys]);
        var route = new Option<string?>("--route") { Description = "all, internal, outbound, inbound or external" };
        var group = new Option<string?>("--held-group") { Description = "administrator, moderator or user" };
        var mine = new Option<bool>("--mine") { Description = "Only the API user's own held mail (the default lists everyone's: the admin view)" };
        var pageSize = new Option<int?>("--page-size") { Description = "Messages per call, 1 to 500 (every page is read either way)" };
        var command = new Command("list", "List held messages (every page)") { since, until, search, searchIn, route, group, mine, pageSize };
        CliAction.Set(command, async (context, ct) =>
        {
            ParseResult p = context.Parse;
            DateTimeOffset? start = When.Parse(context, p.GetValue(since));
            DateTimeOffset? end = When.Parse(context, p.GetValue(until));

            string? text = p.GetValue(search);
            var query = new HeldMessageQuery
            {
                Admin = !p.GetValue(mine),
                Start = start,
                End = end,
                SearchField = text is null ? null : SearchFields[p.GetValue(searchIn) ?? "all"],
                SearchValue = text,
                Route = p.GetValue(route),
                HeldGroup = p.GetValue(group),
                PageSize = p.GetValue(pageSize),
            };
            IMimecastClient client = await context.GetClientAsync(ct).ConfigureAwait(false);
            await context.Output.WriteAsync(client.Held.GetHeldMessagesAsync(query, ct), HeldJson.Default.HeldMessage, HeldJson.MessageColumns, ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Summary()
    {
        var command = new Command("summary", "How many messages each policy holds");
        CliAction.Set(command, async (context, ct) =>
        {
            IMimecastClient client = await context.GetClientAsync(ct).ConfigureAwait(false);
            IReadOnlyList<HeldSummary> summary = await client.Held.GetSummaryAsync(ct).ConfigureAwait(false);
            await context.Output.WriteAsync(Sequences.ToAsync(summary), HeldJson.Default.HeldSummary, HeldJson.SummaryColumns, ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Act(string action, string description)
    {
        var ids = new Argument<string[]>("id")
        {
            Description = "Held message ids, or - to read them from stdin (one a line, or the JSON lines of `mimecast held list`)",
            Arity = ArgumentArity.OneOrMore,
        };
        var yes = Confirmation.YesOption();
        var dryRun = Confirmation.DryRunOption();
        var command = new Command(action, description + ", one result line per id; asks first on a terminal unless --yes; never sent twice") { ids, yes, dryRun };
        var reasonType = new Option<string?>("--reason-type") { Description = "The documented reason, e.g. \"MESSAGE GOES AGAINST EMAIL POLICIES\"" };
        var message = new Option<string?>("--message") { Description = "A message to the sender" };
        var notify = new Option<bool>("--notify") { Description = "Send the sender a rejection notice" };
        if (action == "reject")
        {
            command.Options.Add(reasonType);
            command.Options.Add(message);
            command.Options.Add(notify);
        }

        CliAction.Set(command, async (context, ct) =>
        {
            ParseResult p = context.Parse;
            IReadOnlyList<string> items = await ActionItems.ReadAsync(context, p.GetValue(ids), "id", ct).ConfigureAwait(false);

            if (p.GetValue(dryRun))
            {
                return await Confirmation.DryRunAsync(context, action, items, "would " + action, ct).ConfigureAwait(false);
            }

            await Confirmation.ConfirmAsync(context, p.GetValue(yes), action, items.Count, ct).ConfigureAwait(false);

            IMimecastClient client = await context.GetClientAsync(ct).ConfigureAwait(false);
            var result = action == "release"
                ? await client.Held.ReleaseAsync(items, ct).ConfigureAwait(false)
                : await client.Held.RejectAsync(items, new HeldRejectOptions { ReasonType = p.GetValue(reasonType), Message = p.GetValue(message), Notify = p.GetValue(notify) }, ct)
                    .ConfigureAwait(false);
            var report = new BulkReport(action);
            string whatToCheck = CheckHeld(action);
            return await report.WriteAsync(context, result.Items.Select(r => report.FromItem(r, r.Item,
                static a => (a.CheckedByRead ? "checked_by_read" : null, null), whatToCheck)), ct).ConfigureAwait(false);
        });
        return command;
    }
}
