using Microsoft.Extensions.Logging;

namespace Mimecast.Sdk.Diagnostics;

/// <summary>
/// Log lines of the SIEM and audit operations. A batch file is named by its URL without the signed query string
/// (<see cref="Models.SiemBatchFile.Name"/>); no signed URL, line content, token or cursor is ever logged.
/// </summary>
internal static partial class SiemLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Mimecast {Operation}: paced {WaitMs} ms to stay within the documented quota")]
    internal static partial void Paced(ILogger logger, string operation, double waitMs);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "SIEM batch file {FileName}: link expired (HTTP {Status}); re-listing from the page's cursor (attempt {Attempt} of {MaxAttempts})")]
    internal static partial void Relisting(ILogger logger, string fileName, int status, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "SIEM batch file {FileName} SKIPPED: its link stayed expired (last HTTP {Status}) after {Relists} re-listing(s); its events were not read")]
    internal static partial void FileSkipped(ILogger logger, string fileName, int? status, int relists);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "SIEM batch file {FileName}: line {LineNumber} is not a JSON object and was SKIPPED")]
    internal static partial void LineSkipped(ILogger logger, string fileName, long lineNumber);
}
