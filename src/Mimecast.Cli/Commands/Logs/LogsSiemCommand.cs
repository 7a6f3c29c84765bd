using System.CommandLine;
using System.Runtime.CompilerServices;
using Mimecast.Sdk;
using Mimecast.Sdk.Models;

namespace Mimecast.Cli.Commands.Logs;

/// <summary><c>mimecast logs siem [--type …] [--batch]</c>: SIEM events (API 2.0), from the stream or from the batch files.</summary>
internal static class LogsSiemCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("siem", "SIEM events (API 2.0): the event stream (24 hours kept), or with --batch the batch files (7 days kept).");
        var types = new Option<string[]>("--type")
        {
            Description = "An event type (repeatable): receipt, process, delivery, av, spam, 'impersonation protect', 'url protect', 'attachment protect', 'internal email protect', journal. Every type when none.",
            AllowMultipleArgumentsPerToken = true,
        };
        var batch = new Option<bool>("--batch") { Description = "Read the batch files (whole days, UTC; only the events inside --since/--until are written) instead of the stream." };
        command.Options.Add(types);
        command.Options.Add(batch);
        LogsCommands.SetPull(command, r =>
        {
            var chosen = (r.Get(types) ?? []).Select(static t => new SiemEventType(t)).ToList();
            return r.Get(batch)
                ? BatchAsync(r.Client.Siem, chosen.Count > 0 ? chosen : SiemEventType.Known, r, r.CancellationToken)
                : r.Client.Siem.GetEventsAsync(new SiemEventQuery { Types = chosen.Count > 0 ? chosen : null, Start = r.From, End = r.To, PageSize = r.PageSize }, r.CancellationToken);
        }, LogsJson.Default.SiemEvent, LogsColumns.Siem);
        return command;
    }

    // The batch endpoint takes one type per listing: the types one after the other, each over the days of the period.
    private static async IAsyncEnumerable<SiemEvent> BatchAsync(ISiemClient siem, IReadOnlyList<SiemEventType> types, PullRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var type in types)
        {
            var query = new SiemBatchQuery(type)
            {
                StartDate = DateOnly.FromDateTime(request.From.UtcDateTime), EndDate = DateOnly.FromDateTime(request.To.UtcDateTime), PageSize = request.PageSize,
            };
            await foreach (var e in siem.GetBatchEventsAsync(query, null, cancellationToken).ConfigureAwait(false))
            {
                // Files cover whole days: keep the events of the period asked for (an event without a time is kept).
                if (e.Timestamp is not { } time || (time >= request.From && time < request.To))
                {
                    yield return e;
                }
            }
        }
    }
}
