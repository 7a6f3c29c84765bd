namespace Mimecast.Cli;

/// <summary>The documented exit codes of <c>mimecast</c> (<c>mimecast help exit-codes</c>).</summary>
internal static class ExitCodes
{
    /// <summary>Success, an empty result included.</summary>
    public const int Success = 0;

    /// <summary>Mimecast refused or failed the call.</summary>
    public const int ApiFailure = 1;

    /// <summary>Usage error: unknown command or option, a value that does not parse.</summary>
    public const int Usage = 2;

    /// <summary>A bulk action failed for some of its items.</summary>
    public const int PartialFailure = 3;

    /// <summary>Credentials missing, refused or expired.</summary>
    public const int Credentials = 4;

    /// <summary>The quota stayed exhausted after <c>--max-wait</c>.</summary>
    public const int QuotaExhausted = 5;

    /// <summary>Interrupted (Ctrl+C or SIGTERM).</summary>
    public const int Interrupted = 130;

    /// <summary>Every code with its meaning, in order, for <c>mimecast help exit-codes</c> and docs/cli.md.</summary>
    public static IReadOnlyList<(int Code, string Meaning)> All { get; } =
    [
        (Success, "success (an empty result too)"),
        (ApiFailure, "API failure: Mimecast refused or failed the call, or it could not be reached"),
        (Usage, "usage error: unknown command or option, a value that does not parse"),
        (PartialFailure, "partial failure of a bulk action (one result line per item says which)"),
        (Credentials, "credentials missing, refused or expired"),
        (QuotaExhausted, "quota still exhausted after --max-wait"),
        (Interrupted, "interrupted (Ctrl+C)"),
    ];
}
