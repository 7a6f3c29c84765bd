using System.CommandLine;

namespace Mimecast.Cli.Commands.Message;

/// <summary>The <c>mimecast message</c> command group.</summary>
internal static class MessageCommands
{
    /// <summary>Creates the <c>message</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("message", "Message tracking: search and message info");
        return command;
    }
}
