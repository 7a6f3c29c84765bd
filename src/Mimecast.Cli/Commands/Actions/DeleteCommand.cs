using System.CommandLine;
using Mimecast.Sdk;
using Mimecast.Sdk.Models;

namespace Mimecast.Cli.Commands.Actions;

/// <summary>An idempotent delete by id (<c>url remove</c>, <c>sender policy delete</c>): one call and one result line per id; an id already gone is a success (<c>already_absent</c>).</summary>
internal static class DeleteCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="name">The command and action name, for example <c>remove</c>.</param>
    /// <param name="description">The command's description.</param>
    /// <param name="idDescription">What the ids are and where they come from.</param>
    /// <param name="delete">Deletes one id.</param>
    public static Command Create(string name, string description, string idDescription, Func<IMimecastClient, string, CancellationToken, Task<MimecastDeleteOutcome>> delete)
    {
        var ids = new Argument<string[]>("id")
        {
            Description = idDescription + ", or - to read them from stdin (one a line, or JSON lines with an \"id\" field)",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command(name, description + ", one result line per id (an id already gone is a success)") { ids };
        CliAction.Set(command, async (context, ct) =>
        {
            IReadOnlyList<string> items = await ActionItems.ReadAsync(context, context.Parse.GetValue(ids), "id", ct).ConfigureAwait(false);
            IMimecastClient client = await context.GetClientAsync(ct).ConfigureAwait(false);
            var report = new BulkReport(name);
            return await report.WriteAsync(context, report.EachAsync(items, async (id, token) =>
            {
                MimecastDeleteOutcome outcome = await delete(client, id, token).ConfigureAwait(false);
                return new ItemLine { Item = id, Action = name, Status = ItemStatus.Succeeded, Outcome = ItemLine.Snake(outcome.ToString()) };
            }, ct), ct).ConfigureAwait(false);
        });
        return command;
    }
}
