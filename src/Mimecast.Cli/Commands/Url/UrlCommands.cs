using System.CommandLine;

namespace Mimecast.Cli.Commands.Url;

/// <summary>The <c>mimecast url</c> command group.</summary>
internal static class UrlCommands
{
    /// <summary>Creates the <c>url</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("url", "URL Protect: decode rewritten links, block, permit, list and remove managed URLs");
        return command;
    }
}
