using System.CommandLine;

namespace Mimecast.Cli.Commands.Help;

/// <summary><c>mimecast help exit-codes</c>: the documented exit codes.</summary>
internal static class HelpCommands
{
    /// <summary>Creates the <c>help</c> command group.</summary>
    public static Command Create()
    {
        var exitCodes = new Command("exit-codes", "List the exit codes of mimecast and what each means");
        CliAction.Set(exitCodes, static async (context, ct) =>
        {
            foreach ((int code, string meaning) in ExitCodes.All)
            {
                await context.Out.WriteLineAsync($"{code,4}  {meaning}".AsMemory(), ct).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return new Command("help", "Help topics beyond --help") { exitCodes };
    }
}
