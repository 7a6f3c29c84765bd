using System.CommandLine;

namespace Mimecast.Cli.Commands.Api;

/// <summary>The <c>mimecast api</c> command.</summary>
internal static class ApiCommand
{
    /// <summary>Creates the <c>api</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("api", "Call any Mimecast API path (signed or with a token); pages as JSON lines");
        return command;
    }
}
