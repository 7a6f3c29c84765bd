namespace Mimecast.Cli.Commands.Actions;

/// <summary>Reads <c>--since</c>/<c>--until</c> values (<c>24h</c>, <c>now</c>, ISO-8601) with the CLI's parser.</summary>
internal static class When
{
    /// <summary>Parses <paramref name="text"/>; null when not given. A value that does not parse is a usage error (exit 2).</summary>
    public static DateTimeOffset? Parse(CliContext context, string? text) =>
        text is null ? null : Durations.ParseInstant(text, context.Time.GetUtcNow());
}
