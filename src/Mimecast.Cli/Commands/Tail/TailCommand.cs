using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mimecast.Sdk.Feed;
using Mimecast.Sdk.Models;

namespace Mimecast.Cli.Commands.Tail;

/// <summary>
/// <c>mimecast tail &lt;sources…&gt;</c>: follows log sources like the incident feed (<see cref="MimecastIncidentFeed"/>), one JSON line
/// per event on stdout, at least once: a batch is written and flushed to stdout first, and only then is the checkpoint
/// saved, so a crash can repeat at most the batch that was being written, never lose one.
/// </summary>
internal static class TailCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("tail", "Follow log sources until Ctrl+C: one JSON line per new event on stdout, at least once, the checkpoint saved after each flushed batch, lag on stderr.");
        var sources = new Argument<string[]>("sources")
        {
            Description = "What to follow: url, attachment, impersonation, ttp (the three), audit, held, siem:<type> (e.g. siem:receipt; API 2.0).",
            Arity = ArgumentArity.OneOrMore,
        };
        var checkpoint = new Option<string?>("--checkpoint")
        {
            Description = "The checkpoint file: read on start, replaced atomically after each batch is flushed. Without it nothing is saved.",
        };
        var interval = new Option<string>("--interval") { Description = "Time between polls once caught up (e.g. 30s, 5m).", DefaultValueFactory = _ => "60s" };
        var since = new Option<string>("--since")
        {
            Description = "Where a source without a checkpoint starts: a duration back from now (24h) or an ISO-8601 instant.",
            DefaultValueFactory = _ => "24h",
        };
        var batchSize = new Option<int>("--batch-size") { Description = "The most events per source in one batch (one checkpoint per batch).", DefaultValueFactory = _ => 1000 };
        command.Arguments.Add(sources);
        command.Options.Add(checkpoint);
        command.Options.Add(interval);
        command.Options.Add(since);
        command.Options.Add(batchSize);
        CliAction.Set(command, async (context, cancellationToken) =>
        {
            var now = context.Time.GetUtcNow();
            var options = ParseSources(context.Parse.GetValue(sources) ?? []);
            options.PollInterval = Durations.ParseDuration(context.Parse.GetValue(interval) ?? "60s");
            var start = Durations.ParseInstant(context.Parse.GetValue(since) ?? "24h", now);
            options.InitialLookback = start < now ? now - start : TimeSpan.Zero;
            options.MaxEventsPerPoll = context.Parse.GetValue(batchSize);
            if (options.MaxEventsPerPoll < 1)
            {
                throw CliException.Usage("--batch-size must be at least 1.");
            }

            var store = new TailCheckpointFile(context.Parse.GetValue(checkpoint));
            var client = await context.GetClientAsync(cancellationToken).ConfigureAwait(false);
            var feed = new MimecastIncidentFeed(client, store, options, context.Time);
            await FollowAsync(feed, store, context, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    // Ctrl+C cancels the poll or the wait; a batch already being written is finished, flushed and saved first.
    private static async Task FollowAsync(MimecastIncidentFeed feed, TailCheckpointFile store, CliContext context, CancellationToken cancellationToken)
    {
        await foreach (var batch in feed.RunAsync(cancellationToken).ConfigureAwait(false))
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tail: batch of {batch.Events.Count} event(s)"));
            foreach (var e in batch.Events)
            {
                await context.Out.WriteLineAsync(ToJsonLine(e)).ConfigureAwait(false);
            }

            await context.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await batch.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            context.Error.WriteLine(Describe(batch, store, context.Time.GetUtcNow()));
        }
    }

    // The feed's stable event form (MimecastFeedJson), written on one line.
    private static string ToJsonLine(MimecastFeedEvent e)
    {
        using var document = JsonDocument.Parse(MimecastFeedJson.SerializeEvent(e));
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.RootElement.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Describe(MimecastFeedBatch batch, TailCheckpointFile store, DateTimeOffset now)
    {
        var kinds = string.Join(", ", batch.Events.GroupBy(static e => e.Kind.Name).Select(static g => $"{g.Key} {g.Count()}"));
        var newest = batch.Events.Max(static e => e.Time);
        var lag = now - newest;
        var saved = store.Path is null ? "not saved (no --checkpoint)" : "checkpoint saved";
        return string.Create(CultureInfo.InvariantCulture,
            $"tail: {batch.Events.Count} event(s) written ({kinds}), {saved}, lag {Math.Max(0, lag.TotalSeconds):0}s{(batch.HasMore ? ", more waiting" : string.Empty)}");
    }

    private static MimecastIncidentFeedOptions ParseSources(IReadOnlyList<string> sources)
    {
        var options = new MimecastIncidentFeedOptions { Kinds = TtpEventKinds.None };
        foreach (var source in sources)
        {
            var name = source.Trim().ToLowerInvariant();
            switch (name)
            {
                case "url":
                    options.Kinds |= TtpEventKinds.Url;
                    break;
                case "attachment":
                    options.Kinds |= TtpEventKinds.Attachment;
                    break;
                case "impersonation":
                    options.Kinds |= TtpEventKinds.Impersonation;
                    break;
                case "ttp":
                    options.Kinds |= TtpEventKinds.All;
                    break;
                case "audit":
                    options.IncludeAuditEvents = true;
                    break;
                case "held":
                    options.IncludeHeldMessages = true;
                    break;
                default:
                    if (!name.StartsWith("siem:", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(name[5..]))
                    {
                        throw CliException.Usage($"Unknown tail source '{source}': use url, attachment, impersonation, ttp, audit, held or siem:<type>.");
                    }

                    options.SiemEventTypes.Add(new SiemEventType(name[5..]));
                    break;
            }
        }

        return options;
    }
}
