using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Mimecast.Cli.Commands.Actions;

/// <summary>
/// The items of an action: the arguments, where <c>-</c> stands for standard input, one item a line. Blank lines and
/// lines starting with <c>#</c> are skipped; a line that is a JSON object gives its <c>id</c> (or <c>url</c>) field, so
/// the JSON lines of a listing pipe straight in (<c>mimecast held list … | mimecast held release - --yes</c>); a line that
/// is just the field's name (a TSV header) is skipped.
/// Duplicates are kept once, in first-seen order: one result line per distinct item.
/// </summary>
internal static class ActionItems
{
    /// <summary>The most items one invocation takes (a bound on standard input).</summary>
    public const int MaxItems = 100_000;

    /// <summary>Reads the items.</summary>
    /// <param name="context">The invocation.</param>
    /// <param name="arguments">The arguments as given.</param>
    /// <param name="field">The field a JSON line gives (<c>id</c>, <c>url</c>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="CliException">No item given, a JSON line without the field, or too many items (exit code 2).</exception>
    public static async Task<IReadOnlyList<string>> ReadAsync(CliContext context, IReadOnlyList<string>? arguments, string field, CancellationToken cancellationToken)
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
                // A TSV header (`-o tsv --fields id`) names the field: it is no item.
                if (text.Length == 0 || text[0] == '#' || string.Equals(text, field, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                string? item = text[0] == '{' ? FieldOf(text, field) : text;
                if (item is null)
                {
                    throw CliException.Usage(string.Create(CultureInfo.InvariantCulture, $"stdin line {number}: a JSON object without a string \"{field}\" field."));
                }

                if (!Add(item))
                {
                    throw CliException.Usage(string.Create(CultureInfo.InvariantCulture, $"more than {MaxItems} items."));
                }
            }
        }

        return items.Count > 0 ? items : throw CliException.Usage("no items given: pass them as arguments, or - to read them from stdin, one a line.");

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
        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"dry run: would {action} {items.Count} item(s); nothing was sent")).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>
    /// Goes ahead with <paramref name="yes"/>; else asks on a terminal (<c>y</c>/<c>yes</c>) and refuses when stdin is not a
    /// terminal. Nothing has been sent when it throws.
    /// </summary>
    /// <exception cref="CliException">Refused (no terminal and no <c>--yes</c>) or not confirmed (exit code 2).</exception>
    public static async Task ConfirmAsync(CliContext context, bool yes, string action, int count, CancellationToken cancellationToken)
    {
        if (yes)
        {
            return;
        }

        if (!context.StdinIsTerminal)
        {
            throw CliException.Usage(string.Create(CultureInfo.InvariantCulture,
                $"refusing to {action} {count} item(s) without --yes: stdin is not a terminal, so nobody can confirm (see --dry-run). Nothing was sent."));
        }

        await context.Error.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{Capitalised(action)} {count} item(s)? [y/N] ")).ConfigureAwait(false);
        string? answer = (await context.In.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim();
        if (string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) || string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        throw CliException.Usage("not confirmed. Nothing was sent.");
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
