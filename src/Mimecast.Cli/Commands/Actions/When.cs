using Mimecast.Cli.Infrastructure;

namespace Mimecast.Cli.Commands.Actions;

/// <summary>Reads <c>--since</c>/<c>--until</c> values (<c>24h</c>, <c>now</c>, ISO-8601) with the CLI's duration parser.</summary>
internal static class When
{
    /// <summary>Parses <paramref name="text"/> (null = not given); false after printing a usage error.</summary>
    public static bool TryParse(CliContext context, string? text, string option, out DateTimeOffset? instant)
    {
        instant = null;
        if (text is null)
        {
            return true;
        }

        try
        {
            instant = Durations.Parse(text, context.Time);
            return true;
        }
        catch (FormatException e)
        {
            context.Error.WriteLine($"mimecast: {option}: {e.Message}");
            return false;
        }
    }
}
