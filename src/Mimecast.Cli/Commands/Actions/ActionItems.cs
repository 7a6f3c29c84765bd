using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Mimecast.Cli.Infrastructure;

namespace Mimecast.Cli.Commands.Actions;

/// <summary>
/// The items of an action: the arguments, where <c>-</c> stands for standard input, one item a line. Blank lines and
/// lines starting with <c>#</c> are skipped; a line that is a JSON object gives its <c>id</c> (or <c>url</c>) field, so
/// the JSON lines of a listing pipe straight in (<c>mimecast held list … | mimecast held release - --yes</c>).
/// Duplicates are kept once, in first-seen order: one result line per distinct item.
/// </summary>
internal static class ActionItems
{
    /// <summary>The most items one invocation takes (a bound on standard input).</summary>
    public const int MaxItems = 100_000;

    /// <summary>Reads the items; <see langword="null"/> after a usage error was printed (nothing given, bad line, too many).</summary>
    /// <param name="context">The invocation.</param>
    /// <param name="arguments">The arguments as given.</param>
    /// <param name="field">The field a JSON line gives (<c>id</c>, <c>url</c>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<IReadOnlyList<string>?> ReadAsync(CliContext context, IReadOnlyList<string>? arguments, string field, CancellationToken cancellationToken)
    {
        var items = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var readStdin = false;
        foreach (string argument in arguments ?? [])
        {
            if (argument != "-")
            {
                Add(argument.Trim());
                continue;
            }

            if (readStdin)
            {
                continue;
            }

            readStdin = true;
            for (int number = 1; await context.In.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line; number++)
            {
                string text = line.Trim();
                if (text.Length == 0 || text[0] == '#')
                {
                    continue;
                }

                string? item = text[0] == '{' ? FieldOf(text, field) : text;
                if (item is null)
                {
                    return await UsageAsync(context, string.Create(CultureInfo.InvariantCulture, $"stdin line {number}: a JSON object without a string \"{field}\" field")).ConfigureAwait(false);
                }

                if (!Add(item))
                {
                    return await UsageAsync(context, string.Create(CultureInfo.InvariantCulture, $"more than {MaxItems} items")).ConfigureAwait(false);
                }
            }
        }

        return items.Count == 0
            ? await UsageAsync(context, "no items given (pass them as arguments, or - to read them from stdin, one a line)").ConfigureAwait(false)
            : items;

        bool Add(string item)
        {
            if (item.Length > 0 && seen.Add(item))
            {
                items.Add(item);
            }

            return items.Count <= MaxItems;
        }
    }

    private static string? FieldOf(string json, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(field, out JsonElement value)
                && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<IReadOnlyList<string>?> UsageAsync(CliContext context, string message)
    {
        await context.Error.WriteLineAsync("mimecast: " + message).ConfigureAwait(false);
        return null;
    }
}

/// <summary>
/// <c>--yes</c> and <c>--dry-run</c> for writes that cannot be undone: a dry run prints one line per item and sends
/// nothing; otherwise a terminal is asked once, and without a terminal the command is refused unless <c>--yes</c>.
/// </summary>
internal static class Confirmation
{
    /// <summary>Creates <c>--yes</c>.</summary>
    public static Option<bool> YesOption() => new("--yes", "-y") { Description = "Do not ask for confirmation (required when stdin is not a terminal)" };

    /// <summary>Creates <c>--dry-run</c>.</summary>
    public static Option<bool> DryRunOption() => new("--dry-run") { Description = "Print what would be done, one line per item, and send nothing" };

    /// <summary>Writes one <c>dry_run</c> line per item; nothing is sent.</summary>
    public static async Task<int> DryRunAsync(CliContext context, string action, IReadOnlyList<string> items, string detail, CancellationToken cancellationToken)
    {
        var lines = items.Select(i => new ItemLine { Item = i, Action = action, Status = ItemStatus.DryRun, Outcome = detail });
        await context.Output.WriteAsync(Sequences.ToAsync(lines), ActionsJson.Default.ItemLine, ItemLine.Columns, cancellationToken).ConfigureAwait(false);
        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"mimecast: dry run: would {action} {items.Count} item(s); nothing was sent")).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>
    /// Whether to go ahead: yes with <paramref name="yes"/>; else asks on a terminal (<c>y</c>/<c>yes</c>); refuses when stdin
    /// is not a terminal. A refusal or a "no" prints why; nothing is sent then.
    /// </summary>
    public static async Task<bool> ConfirmAsync(CliContext context, bool yes, string action, int count, CancellationToken cancellationToken)
    {
        if (yes)
        {
            return true;
        }

        if (!context.StdinIsTerminal)
        {
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"mimecast: refusing to {action} {count} item(s) without --yes: stdin is not a terminal, so nobody can confirm (see --dry-run); nothing was sent")).ConfigureAwait(false);
            return false;
        }

        await context.Error.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{Capitalised(action)} {count} item(s)? [y/N] ")).ConfigureAwait(false);
        string? answer = (await context.In.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim();
        if (string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) || string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        await context.Error.WriteLineAsync("mimecast: not confirmed; nothing was sent").ConfigureAwait(false);
        return false;
    }

    private static string Capitalised(string action) => string.Concat(action[..1].ToUpperInvariant(), action[1..]);
}

/// <summary>Small sequence helpers.</summary>
internal static class Sequences
{
    /// <summary>An in-memory sequence as an <see cref="IAsyncEnumerable{T}"/> (for the output writer).</summary>
    public static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> items)
    {
        foreach (T item in items)
        {
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
