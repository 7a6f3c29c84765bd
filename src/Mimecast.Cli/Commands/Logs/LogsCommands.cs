using System.CommandLine;
using System.Text.Json.Serialization.Metadata;
using Mimecast.Sdk;
using Mimecast.Sdk.Models;

namespace Mimecast.Cli.Commands.Logs;

/// <summary>
/// <c>mimecast logs</c>: bounded pulls of the TTP logs (URL clicks, attachments, impersonation), the SIEM events and the
/// audit events, every page of a period, streamed to the output as they arrive.
/// </summary>
internal static class LogsCommands
{
    /// <summary>Creates the <c>logs</c> command group.</summary>
    public static Command Create()
    {
        var logs = new Command("logs", "Pull logs over a period, every page: TTP URL clicks, attachments and impersonation, SIEM events, audit events.");
        var ttp = new Command("ttp", "Targeted Threat Protection logs.");
        ttp.Subcommands.Add(CreateUrl());
        ttp.Subcommands.Add(CreateAttachment());
        ttp.Subcommands.Add(CreateImpersonation());
        logs.Subcommands.Add(ttp);
        logs.Subcommands.Add(LogsSiemCommand.Create());
        logs.Subcommands.Add(CreateAudit());
        return logs;
    }

    /// <summary>
    /// Makes <paramref name="command"/> a pull: <c>--since</c>/<c>--until</c> and <c>--page-size</c> are added, and its action
    /// resolves the period, reads with <paramref name="read"/> and streams every record to the output.
    /// </summary>
    internal static void SetPull<T>(Command command, Func<PullRequest, IAsyncEnumerable<T>> read, JsonTypeInfo<T> json, IReadOnlyList<Column<T>> columns)
    {
        var range = TimeRangeOptions.AddTo(command);
        var pageSize = new Option<int?>("--page-size") { Description = "Records per API call (the profile's default when unset; Mimecast's connectors use 500)." };
        command.Options.Add(pageSize);
        CliAction.Set(command, async (context, cancellationToken) =>
        {
            var (from, to) = range.Resolve(context);
            var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
            IAsyncEnumerable<T> records;
            try
            {
                records = read(new PullRequest(context, client, from, to, context.Parse.GetValue(pageSize), cancellationToken));
            }
            catch (ArgumentException ex)
            {
                // The SDK checks a query before sending it (an audit period older than 60 days, an empty type): a usage error.
                throw CliException.Usage(ex.Message, ex);
            }

            await context.Output.WriteAsync(records, json, columns, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
    }

    private static Command CreateUrl()
    {
        var command = new Command("url", "URL clicks (URL Protect), oldest first.");
        var route = Add(command, new Option<string?>("--route") { Description = "all, internal, outbound or inbound." });
        var scan = Add(command, new Option<string?>("--scan-result") { Description = "all, clean or malicious." });
        SetPull(command, r => r.Client.Ttp.GetUrlLogsAsync(
            new TtpUrlLogQuery { From = r.From, To = r.To, OldestFirst = true, PageSize = r.PageSize, Route = r.Get(route), ScanResult = r.Get(scan) },
            r.CancellationToken), LogsJson.Default.TtpUrlLog, LogsColumns.Url);
        return command;
    }

    private static Command CreateAttachment()
    {
        var command = new Command("attachment", "Attachment scans (Attachment Protect), oldest first.");
        var route = Add(command, new Option<string?>("--route") { Description = "all, internal, outbound or inbound." });
        var result = Add(command, new Option<string?>("--result") { Description = "all, malicious, safe, timeout, error or unsafe." });
        SetPull(command, r => r.Client.Ttp.GetAttachmentLogsAsync(
            new TtpAttachmentLogQuery { From = r.From, To = r.To, OldestFirst = true, PageSize = r.PageSize, Route = r.Get(route), Result = r.Get(result) },
            r.CancellationToken), LogsJson.Default.TtpAttachmentLog, LogsColumns.Attachment);
        return command;
    }

    private static Command CreateImpersonation()
    {
        var command = new Command("impersonation", "Impersonation detections (Impersonation Protect), oldest first.");
        var search = Add(command, new Option<string?>("--query") { Description = "Text to search for." });
        var field = Add(command, new Option<string?>("--search-field") { Description = "The field --query searches." });
        var malicious = Add(command, new Option<bool?>("--tagged-malicious") { Description = "Only records tagged malicious (true) or not (false)." });
        var external = Add(command, new Option<bool?>("--tagged-external") { Description = "Only records tagged external (true) or not (false)." });
        SetPull(command, r => r.Client.Ttp.GetImpersonationLogsAsync(
            new TtpImpersonationLogQuery
            {
                From = r.From, To = r.To, OldestFirst = true, PageSize = r.PageSize, Query = r.Get(search), SearchField = r.Get(field),
                TaggedMalicious = r.Get(malicious), TaggedExternal = r.Get(external),
            }, r.CancellationToken), LogsJson.Default.TtpImpersonationLog, LogsColumns.Impersonation);
        return command;
    }

    private static Command CreateAudit()
    {
        var command = new Command("audit", "Account audit events (at most 60 days back).");
        var search = Add(command, new Option<string?>("--query") { Description = "Text to search for." });
        var categories = Add(command, new Option<string[]>("--category") { Description = "A category code (repeatable); every category when none.", AllowMultipleArgumentsPerToken = true });
        SetPull(command, r => r.Client.Audit.GetEventsAsync(
            new AuditEventQuery { Start = r.From, End = r.To, PageSize = r.PageSize, Query = r.Get(search), Categories = r.Get(categories) is { Length: > 0 } c ? c : null },
            r.CancellationToken), LogsJson.Default.AuditEvent, LogsColumns.Audit);
        return command;
    }

    private static Option<T> Add<T>(Command command, Option<T> option)
    {
        command.Options.Add(option);
        return option;
    }
}

/// <summary>What a pull reads: the client, the resolved period and page size, and the parsed command line.</summary>
internal sealed record PullRequest(CliContext Context, IMimecastClient Client, DateTimeOffset From, DateTimeOffset To, int? PageSize, CancellationToken CancellationToken)
{
    /// <summary>The value of one of the command's own options.</summary>
    public T? Get<T>(Option<T> option) => Context.Parse.GetValue(option);
}
