using System.CommandLine;
using Mimecast.Cli.Commands.Actions;
using Mimecast.Sdk;
using Mimecast.Sdk.Models;

namespace Mimecast.Cli.Commands.Url;

/// <summary><c>mimecast url</c>: decode rewritten links, and the URL Protect managed list (block, permit, list, remove).</summary>
internal static class UrlCommands
{
    /// <summary>Creates the <c>url</c> command group.</summary>
    public static Command Create() => new("url", "Decode rewritten links; block, permit, list and remove managed URLs")
    {
        Decode(),
        AddEntry(ManagedUrlActions.Block, "Block URLs (URL Protect managed list)"),
        AddEntry(ManagedUrlActions.Permit, "Permit URLs (URL Protect managed list)"),
        List(),
        DeleteCommand.Create("remove", "Remove managed URLs by id", "Managed URL ids (from `mimecast url list`)",
            static (client, id, ct) => client.Urls.DeleteManagedUrlAsync(id, ct)),
    };

    private static Argument<string[]> Items(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.OneOrMore };

    private static Command Decode()
    {
        var urls = Items("url", "Rewritten URLs, or - to read them from stdin (one a line, or JSON lines with a \"url\" field)");
        var command = new Command("decode", "Decode rewritten links (https://protect-…) to the original URLs, one result line per URL") { urls };
        CliAction.Set(command, async (context, ct) =>
        {
            IReadOnlyList<string> items = await ActionItems.ReadAsync(context, context.Parse.GetValue(urls), "url", ct).ConfigureAwait(false);

            IMimecastClient client = await context.GetClientAsync(ct).ConfigureAwait(false);
            var result = await client.Urls.DecodeAsync(items, ct).ConfigureAwait(false);
            var report = new BulkReport("decode");
            return await report.WriteAsync(context, result.Items.Select(r => report.FromItem(r, r.Item, static d => (null, d.Url), "Decoding is a read: run it again.")), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command AddEntry(string action, string description)
    {
        var urls = Items("url", "URLs, or - to read them from stdin (one a line, or JSON lines with a \"url\" field)");
        var matchType = new Option<string?>("--match-type") { Description = "explicit (this URL only) or domain (the whole domain); Mimecast's default when unset" };
        matchType.AcceptOnlyFromAmong(ManagedUrlMatchTypes.Explicit, ManagedUrlMatchTypes.Domain);
        var comment = new Option<string?>("--comment") { Description = "A comment stored with each entry (a case number)" };
        var noRewrite = new Option<bool>("--disable-rewrite") { Description = "Do not rewrite the URL (permit entries)" };
        var noAwareness = new Option<bool>("--disable-user-awareness") { Description = "No user awareness page (permit entries)" };
        var noLog = new Option<bool>("--disable-log-click") { Description = "Do not log clicks on the URL" };
        var command = new Command(action, description + ", one result line per URL; never sent twice") { urls, matchType, comment, noRewrite, noAwareness, noLog };
        CliAction.Set(command, async (context, ct) =>
        {
            IReadOnlyList<string> items = await ActionItems.ReadAsync(context, context.Parse.GetValue(urls), "url", ct).ConfigureAwait(false);

            ParseResult p = context.Parse;
            IMimecastClient client = await context.GetClientAsync(ct).ConfigureAwait(false);
            var report = new BulkReport(action);
            return await report.WriteAsync(context, report.EachAsync(items, async (url, token) =>
            {
                var request = new ManagedUrlRequest
                {
                    Url = url,
                    Action = action,
                    MatchType = p.GetValue(matchType),
                    Comment = p.GetValue(comment),
                    DisableRewrite = p.GetValue(noRewrite) ? true : null,
                    DisableUserAwareness = p.GetValue(noAwareness) ? true : null,
                    DisableLogClick = p.GetValue(noLog) ? true : null,
                };
                ManagedUrlCreateResult created = await client.Urls.CreateManagedUrlAsync(request, token).ConfigureAwait(false);
                return CreatedLine(url, action, created);
            }, ct), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static ItemLine CreatedLine(string url, string action, ManagedUrlCreateResult created) => new()
    {
        Item = url,
        Action = action,
        Status = created.IsSuccess ? ItemStatus.Succeeded : ItemStatus.Failed,
        Outcome = ItemLine.Snake(created.Outcome.ToString()),
        Result = created.Entry?.Id,
        ErrorCode = created.Outcome switch
        {
            ManagedUrlCreateOutcome.Conflict => "managed_url_conflict",
            ManagedUrlCreateOutcome.NotCreated => "managed_url_not_created",
            _ => null,
        },
        Error = created.Outcome switch
        {
            ManagedUrlCreateOutcome.Conflict => $"the URL is already on the list with action {created.Entry?.Action ?? "?"}; left unchanged (remove it, then {action} it)",
            ManagedUrlCreateOutcome.NotCreated => "the answer was lost and a re-read found no entry: not created, safe to run again",
            _ => null,
        },
    };

    private static Command List()
    {
        var url = new Option<string?>("--url") { Description = "Only entries for this domain or URL" };
        var exact = new Option<bool>("--exact") { Description = "--url must match exactly" };
        var search = new Option<string?>("--search") { Description = "Only entries whose domain or comment contains this text" };
        var pageSize = new Option<int?>("--page-size") { Description = "Entries per call (every page is read either way)" };
        var command = new Command("list", "List the managed URLs (every page)") { url, exact, search, pageSize };
        CliAction.Set(command, async (context, ct) =>
        {
            ParseResult p = context.Parse;
            var query = new ManagedUrlQuery { DomainOrUrl = p.GetValue(url), ExactMatch = p.GetValue(exact) ? true : null, DomainOrComment = p.GetValue(search), PageSize = p.GetValue(pageSize) };
            IMimecastClient client = await context.GetClientAsync(ct).ConfigureAwait(false);
            await context.Output.WriteAsync(client.Urls.GetManagedUrlsAsync(query, ct), UrlJson.Default.ManagedUrl, UrlJson.Columns, ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
