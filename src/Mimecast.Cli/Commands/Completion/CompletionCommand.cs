using System.CommandLine;

namespace Mimecast.Cli.Commands.Completion;

/// <summary>The <c>mimecast completion</c> command.</summary>
internal static class CompletionCommand
{
    /// <summary>Creates the <c>completion</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("completion", "Print the shell completion script for bash, zsh, fish or pwsh");
        return command;
    }
}
