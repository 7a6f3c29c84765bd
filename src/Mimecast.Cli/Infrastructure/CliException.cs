namespace Mimecast.Cli;

/// <summary>
/// A failure the CLI reports with a given exit code and one line on stderr. Its message is shown to the user as is, so
/// it never contains a secret.
/// </summary>
internal class CliException : Exception
{
    public CliException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException) => ExitCode = exitCode;

    public CliException()
        : this(ExitCodes.ApiFailure, "The command failed.")
    {
    }

    public CliException(string message)
        : this(ExitCodes.ApiFailure, message)
    {
    }

    public CliException(string message, Exception innerException)
        : this(ExitCodes.ApiFailure, message, innerException)
    {
    }

    /// <summary>Gets the process exit code (<see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; }

    /// <summary>A usage error (exit code 2): a value that does not parse, a missing argument, conflicting options.</summary>
    public static CliException Usage(string message, Exception? inner = null) => new(ExitCodes.Usage, message, inner);

    /// <summary>Missing, refused or expired credentials (exit code 4).</summary>
    public static CliException Credentials(string message, Exception? inner = null) => new(ExitCodes.Credentials, message, inner);
}
