using System.Text;

namespace Mimecast.Cli;

/// <summary>
/// Reads secrets for <c>auth login</c>: the environment variable first, then the next stdin line when the user asked
/// for stdin (<c>--with-secret-stdin</c>), then a prompt without echo when stdin is a terminal. Never from arguments.
/// </summary>
internal sealed class SecretInput(CliContext context, bool fromStdin)
{
    /// <summary>Gets a secret, or fails with exit code 4 naming how to provide it.</summary>
    public async Task<string> GetAsync(string what, string? variable, CancellationToken ct)
    {
        if (variable is not null && context.Env(variable) is { Length: > 0 } value)
        {
            return value;
        }

        if (fromStdin)
        {
            string? line = await context.In.ReadLineAsync(ct).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(line))
            {
                return line.Trim();
            }

            throw CliException.Credentials($"stdin ended before the {what} (one secret per line).");
        }

        if (context.StdinIsTerminal)
        {
            return Prompt(context.Error, what);
        }

        throw CliException.Credentials($"No {what}: pipe it with --with-secret-stdin{(variable is null ? string.Empty : " or set " + variable)} (secrets are never taken from arguments).");
    }

    /// <summary>Asks on the terminal, echoing nothing.</summary>
    public static string Prompt(TextWriter error, string what)
    {
        error.Write($"{char.ToUpperInvariant(what[0])}{what[1..]}: ");
        var text = new StringBuilder();
        while (true)
        {
            ConsoleKeyInfo key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }

                continue;
            }

            text.Append(key.KeyChar);
        }

        error.WriteLine();
        string secret = text.ToString().Trim();
        return secret.Length > 0 ? secret : throw CliException.Credentials($"No {what} entered.");
    }

    /// <summary>Asks for a non-secret value on the terminal (echoed), or null when stdin is not a terminal.</summary>
    public static string? Ask(CliContext context, string what)
    {
        if (!context.StdinIsTerminal)
        {
            return null;
        }

        context.Error.Write($"{what}: ");
        return Console.ReadLine()?.Trim() is { Length: > 0 } answer ? answer : null;
    }
}
