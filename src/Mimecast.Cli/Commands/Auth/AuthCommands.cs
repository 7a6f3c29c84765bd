using System.CommandLine;

namespace Mimecast.Cli.Commands.Auth;

/// <summary>The <c>mimecast auth</c> command.</summary>
internal static class AuthCommands
{
    /// <summary>Creates the <c>auth</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("auth", "Log in, show the status of, switch between and log out of profiles");
        return command;
    }
}
