using System.CommandLine;

namespace Mimecast.Cli.Commands.Completion;

/// <summary>
/// <c>mimecast completion bash|zsh|fish|pwsh</c>: prints a script that asks mimecast itself for completions through
/// System.CommandLine's <c>[suggest:POSITION]</c> directive (commands, options, option values), so they always match
/// the installed version. No extra tool (dotnet-suggest) is needed.
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # mimecast completion for bash: add to ~/.bashrc:  source <(mimecast completion bash)
        _mimecast_complete() {
          local IFS=$'\n'
          COMPREPLY=( $(mimecast "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) )
        }
        complete -o default -F _mimecast_complete mimecast
        """;

    private const string Zsh = """
        #compdef mimecast
        # mimecast completion for zsh: add to ~/.zshrc:  source <(mimecast completion zsh)
        _mimecast() {
          local -a completions
          completions=("${(@f)$(mimecast "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
          compadd -a completions
        }
        compdef _mimecast mimecast
        """;

    private const string Fish = """
        # mimecast completion for fish: mimecast completion fish > ~/.config/fish/completions/mimecast.fish
        function __mimecast_complete
            set -l line (commandline -cp)
            mimecast "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
        end
        complete -c mimecast -f -a '(__mimecast_complete)'
        """;

    private const string Pwsh = """
        # mimecast completion for PowerShell: add to $PROFILE:  mimecast completion pwsh | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName mimecast -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $line = $commandAst.ToString()
            $position = $cursorPosition - $commandAst.Extent.StartOffset
            mimecast "[suggest:$position]" "$line" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }
        """;

    /// <summary>Creates the <c>completion</c> command.</summary>
    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh, fish or pwsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh", "fish", "pwsh");
        var command = new Command("completion", "Print the shell completion script for bash, zsh, fish or pwsh") { shell };
        CliAction.Set(command, async (context, ct) =>
        {
            string script = context.Parse.GetValue(shell) switch
            {
                "bash" => Bash,
                "zsh" => Zsh,
                "fish" => Fish,
                _ => Pwsh,
            };
            await context.Out.WriteLineAsync(script.AsMemory(), ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
