using System.CommandLine;

namespace Mimecast.Cli.Commands.Config;

/// <summary>The <c>mimecast config</c> command.</summary>
internal static class ConfigCommands
{
    /// <summary>Creates the <c>config</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("config", "Non-secret settings of a profile: base URL, default output, secret command");
        return command;
    }
}
