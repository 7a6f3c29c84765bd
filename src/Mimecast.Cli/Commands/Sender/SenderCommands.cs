using System.CommandLine;

namespace Mimecast.Cli.Commands.Sender;

/// <summary>The <c>mimecast sender</c> command group.</summary>
internal static class SenderCommands
{
    /// <summary>Creates the <c>sender</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("sender", "Block or permit senders, manage blocked-sender policies");
        return command;
    }
}
