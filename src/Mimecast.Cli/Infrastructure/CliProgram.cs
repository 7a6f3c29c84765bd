using System.CommandLine;
using System.CommandLine.Invocation;

namespace Mimecast.Cli;

/// <summary>Parses and invokes: parse errors exit with <see cref="ExitCodes.Usage"/> (2), everything else through <see cref="CliAction"/>.</summary>
internal static class CliProgram
{
    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        ParseResult parse = root.Parse(args);
        if (parse.Action is ParseErrorAction && parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
            }

            string command = string.Join(' ', parse.CommandResult.Command.Parents.OfType<Command>().Reverse().Select(c => c.Name)
                .Append(parse.CommandResult.Command.Name).Where(n => n.Length > 0)).Trim();
            await Console.Error.WriteLineAsync($"Run '{(command.Length == 0 ? "mimecast" : command)} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // Ctrl+C and SIGTERM are handled by CliAction (cancellation, flush, exit code 130), not by a forced termination timeout.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        return await parse.InvokeAsync(invocation).ConfigureAwait(false);
    }
}
