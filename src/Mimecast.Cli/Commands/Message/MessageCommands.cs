using System.CommandLine;
using Mimecast.Cli.Commands.Actions;
using Mimecast.Sdk;
using Mimecast.Sdk.Models;

namespace Mimecast.Cli.Commands.Message;

/// <summary><c>mimecast message</c>: the message finder (tracking): search, and one message's details.</summary>
internal static class MessageCommands
{
    /// <summary>Creates the <c>message</c> command group.</summary>
    public static Command Create() => new("message", "Message tracking: search, info") { Search(), Info() };

    private static Command Search()
    {
        var messageId = new Option<string?>("--message-id") { Description = "The Internet Message-ID (<abc@example.com>); or use the options below, not both" };
        var from = new Option<string?>("--from") { Description = "Sender address" };
        var to = new Option<string?>("--to") { Description = "Recipient address" };
        var subject = new Option<string?>("--subject") { Description = "Subject" };
        var senderIp = new Option<string?>("--sender-ip") { Description = "Sending IP address" };
        var route = new Option<string?>("--route") { Description = "all, internal, outbound, inbound or external" };
        var since = new Option<string?>("--since") { Description = "Received since (24h, 7d, an ISO-8601 instant)" };
        var until = new Option<string?>("--until") { Description = "Received until (now, an ISO-8601 instant)" };
        var reason = new Option<string?>("--reason") { Description = "Why you search (recorded in Mimecast's audit log)" };
        var command = new Command("search", "Find tracked messages by message id, or by sender, recipient, subject, sender IP or route")
        {
            messageId, from, to, subject, senderIp, route, since, until, reason,
        };
        CliAction.Set(command, async (context, ct) =>
        {
            ParseResult p = context.Parse;
            DateTimeOffset? start = When.Parse(context, p.GetValue(since));
            DateTimeOffset? end = When.Parse(context, p.GetValue(until));

            var advanced = new MessageTrackingOptions { From = p.GetValue(from), To = p.GetValue(to), Subject = p.GetValue(subject), SenderIp = p.GetValue(senderIp), Route = p.GetValue(route) };
            bool hasAdvanced = advanced.From is not null || advanced.To is not null || advanced.Subject is not null || advanced.SenderIp is not null || advanced.Route is not null;
            string? id = p.GetValue(messageId);
            if ((id is null) == !hasAdvanced)
            {
                throw CliException.Usage("give either --message-id or at least one of --from, --to, --subject, --sender-ip, --route (not both).");
            }

            var query = new MessageSearchQuery { MessageId = id, Advanced = hasAdvanced ? advanced : null, Start = start, End = end, SearchReason = p.GetValue(reason) };
            IMimecastClient client = await context.GetClientAsync(ct).ConfigureAwait(false);
            IReadOnlyList<TrackedEmail> found = await client.Messages.SearchAsync(query, ct).ConfigureAwait(false);
            await context.Output.WriteAsync(Sequences.ToAsync(found), MessageJson.Default.TrackedEmail, MessageJson.SearchColumns, ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Info()
    {
        var id = new Argument<string>("id") { Description = "A tracking id from `mimecast message search` (ids are opaque: search again rather than keep them)" };
        var command = new Command("info", "Show one tracked message: status and deliveries") { id };
        CliAction.Set(command, async (context, ct) =>
        {
            IMimecastClient client = await context.GetClientAsync(ct).ConfigureAwait(false);
            MessageInfo info = await client.Messages.GetMessageInfoAsync(context.Parse.GetValue(id)!, ct).ConfigureAwait(false);
            await context.Output.WriteOneAsync(info, MessageJson.Default.MessageInfo, MessageJson.InfoColumns, ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
