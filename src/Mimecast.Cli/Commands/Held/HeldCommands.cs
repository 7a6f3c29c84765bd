using System.CommandLine;

namespace Mimecast.Cli.Commands.Held;

/// <summary>The <c>mimecast held</c> command group.</summary>
internal static class HeldCommands
{
    /// <summary>Creates the <c>held</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("held", "The held queue: list, summary, release and reject");
        return command;
    }
}
