using System.CommandLine;

namespace Mimecast.Cli.Commands.Tail;

/// <summary>The <c>mimecast tail</c> command group.</summary>
internal static class TailCommand
{
    /// <summary>Creates the <c>tail</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("tail", "Follow log sources as JSON lines (at-least-once, checkpointed) until Ctrl+C");
        return command;
    }
}
