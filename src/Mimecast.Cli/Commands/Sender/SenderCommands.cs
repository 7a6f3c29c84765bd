using System.CommandLine;
using Mimecast.Cli.Commands.Actions;
using Mimecast.Sdk;
using Mimecast.Sdk.Models;

namespace Mimecast.Cli.Commands.Sender;

/// <summary><c>mimecast sender</c>: permit or block a sender for recipients, and blocked-sender policies.</summary>
internal static class SenderCommands
{
    /// <summary>Creates the <c>sender</c> command group.</summary>
    public static Command Create() => new("sender", "Permit or block senders for recipients; blocked-sender policies")
    {
        Managed("block", "Block senders for the recipients given with --to (an upsert: safe to repeat)"),
        Managed("permit", "Permit senders for the recipients given with --to (an upsert: safe to repeat)"),
        SenderPolicyCommands.Create(),
    };

    private static Command Managed(string action, string description)
    {
        var senders = new Argument<string[]>("sender")
        {
            Description = "Sender addresses, or - to read them from stdin (one a line, or JSON lines with a \"sender\" field)",
            Arity = ArgumentArity.OneOrMore,
        };
        var to = new Option<string[]>("--to") { Description = "The internal recipients (repeat the option, or separate with commas)", Required = true, AllowMultipleArgumentsPerToken = true };
        var command = new Command(action, description + "; one result line per sender and recipient") { senders, to };
        CliAction.Set(command, async (context, ct) =>
        {
            IReadOnlyList<string> from = await ActionItems.ReadAsync(context, context.Parse.GetValue(senders), "sender", ct).ConfigureAwait(false);

            string[] recipients = [.. (context.Parse.GetValue(to) ?? []).SelectMany(static t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.OrdinalIgnoreCase)];
            if (recipients.Length == 0)
            {
                throw CliException.Usage("--to needs at least one recipient.");
            }

            var entries = from.SelectMany(s => recipients.Select(r => new ManagedSenderEntry(s, r))).ToList();
            IMimecastClient client = await context.GetClientAsync(ct).ConfigureAwait(false);
            var result = action == "block"
                ? await client.Senders.BlockAsync(entries, ct).ConfigureAwait(false)
                : await client.Senders.PermitAsync(entries, ct).ConfigureAwait(false);
            var report = new BulkReport(action);
            return await report.WriteAsync(context, result.Items.Select(r => report.FromItem(r, $"{r.Item.Sender} -> {r.Item.To}",
                static s => (s.Type?.ToLowerInvariant(), s.Id), "An upsert: running it again is safe.")), ct).ConfigureAwait(false);
        });
        return command;
    }
}
