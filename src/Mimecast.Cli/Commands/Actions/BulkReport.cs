using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Mimecast.Sdk;

namespace Mimecast.Cli.Commands.Actions;

/// <summary>
/// Turns the results of an action into result lines, writes them as they come and decides the exit code: 0 when every
/// item succeeded, 3 when some did and others did not, else 4 (credentials refused), 5 (quota still exhausted) or 1.
/// No write is ever sent again here: the SDK decides what may be resent.
/// </summary>
internal sealed class BulkReport(string action)
{
    private int _total;
    private int _succeeded;
    private int _unknown;
    private int _notAttempted;
    private bool _credentials;
    private bool _quota;

    /// <summary>Gets the action the lines report, for example <c>release</c>.</summary>
    public string Action { get; } = action;

    /// <summary>The exit code of the lines counted so far.</summary>
    public int ExitCode =>
        _succeeded == _total ? ExitCodes.Success
        : _succeeded > 0 ? ExitCodes.PartialFailure
        : _credentials ? ExitCodes.Credentials
        : _quota ? ExitCodes.QuotaExhausted
        : ExitCodes.ApiFailure;

    /// <summary>Maps one item of an SDK bulk result to its line.</summary>
    public ItemLine FromItem<TItem, TResult>(MimecastItemResult<TItem, TResult> r, string item, Func<TResult, (string? Outcome, string? Result)>? describe, string whatToCheck)
    {
        (string? outcome, string? result) = r.IsSuccess && r.Result is { } value && describe is not null ? describe(value) : (null, null);
        return new ItemLine
        {
            Item = item,
            Action = Action,
            Status = r.Status switch
            {
                MimecastItemStatus.Succeeded => ItemStatus.Succeeded,
                MimecastItemStatus.OutcomeUnknown => ItemStatus.OutcomeUnknown,
                MimecastItemStatus.NotAttempted => ItemStatus.NotAttempted,
                _ => ItemStatus.Failed,
            },
            Outcome = outcome,
            Result = result,
            ErrorCode = r.Error?.Code,
            Error = r.Error?.Message,
            RequestId = r.RequestId,
            WhatToCheck = r.Status == MimecastItemStatus.OutcomeUnknown ? whatToCheck : null,
            HttpStatus = r.StatusCode,
        };
    }

    /// <summary>Lines of items sent one call each: a failure that every later call would repeat (refused credentials, 403, quota) leaves the rest not attempted.</summary>
    public async IAsyncEnumerable<ItemLine> EachAsync(IReadOnlyList<string> items, Func<string, CancellationToken, Task<ItemLine>> run,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stopped = false;
        foreach (string item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ItemLine line;
            if (stopped)
            {
                line = new ItemLine { Item = item, Action = Action, Status = ItemStatus.NotAttempted };
            }
            else
            {
                (line, stopped) = await RunOneAsync(item, run, cancellationToken).ConfigureAwait(false);
            }

            yield return line;
        }
    }

    private async Task<(ItemLine Line, bool Stop)> RunOneAsync(string item, Func<string, CancellationToken, Task<ItemLine>> run, CancellationToken cancellationToken)
    {
        try
        {
            return (await run(item, cancellationToken).ConfigureAwait(false), false);
        }
        catch (MimecastOutcomeUnknownException e)
        {
            return (new ItemLine { Item = item, Action = Action, Status = ItemStatus.OutcomeUnknown, RequestId = e.RequestId, WhatToCheck = e.WhatToCheck }, false);
        }
        catch (MimecastApiException e)
        {
            var status = e is MimecastAuthenticationException ? HttpStatusCode.Unauthorized : e is MimecastRateLimitException ? HttpStatusCode.TooManyRequests : e.StatusCode;
            var line = new ItemLine
            {
                Item = item,
                Action = Action,
                Status = ItemStatus.Failed,
                ErrorCode = e.ErrorCode ?? (e.StatusCode is { } code ? string.Create(CultureInfo.InvariantCulture, $"http_{(int)code}") : "transport"),
                Error = e.Message,
                RequestId = e.RequestId,
                HttpStatus = status,
            };
            return (line, status is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests or HttpStatusCode.Forbidden || e.FunctionStatus == (int)HttpStatusCode.Forbidden);
        }
        catch (ArgumentException e)
        {
            return (new ItemLine { Item = item, Action = Action, Status = ItemStatus.Failed, ErrorCode = "invalid_argument", Error = e.Message }, false);
        }
    }

    /// <summary>Writes the lines as they come (stdout), then a summary and every unknown outcome on stderr; returns the exit code.</summary>
    public async Task<int> WriteAsync(CliContext context, IAsyncEnumerable<ItemLine> lines, CancellationToken cancellationToken)
    {
        var unknown = new List<ItemLine>();
        await context.Output.WriteAsync(Count(lines, unknown, cancellationToken), ActionsJson.Default.ItemLine, ItemLine.Columns, cancellationToken).ConfigureAwait(false);
        foreach (ItemLine line in unknown)
        {
            await context.Error.WriteLineAsync($"warning: {line.Item}: outcome unknown, not sent again. {line.WhatToCheck}").ConfigureAwait(false);
        }

        if (_succeeded != _total)
        {
            int failed = _total - _succeeded - _unknown - _notAttempted;
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"error: {Action}: {_succeeded} of {_total} succeeded, {failed} failed, {_unknown} outcome unknown, {_notAttempted} not attempted")).ConfigureAwait(false);
        }

        if (ExitCode == ExitCodes.Credentials)
        {
            await context.Error.WriteLineAsync("error: credentials refused or expired: run 'mimecast auth login' or check the MIMECAST_* environment variables.").ConfigureAwait(false);
        }

        return ExitCode;
    }

    /// <summary>Writes lines already known (an SDK bulk result).</summary>
    public Task<int> WriteAsync(CliContext context, IEnumerable<ItemLine> lines, CancellationToken cancellationToken) =>
        WriteAsync(context, Sequences.ToAsync(lines), cancellationToken);

    private async IAsyncEnumerable<ItemLine> Count(IAsyncEnumerable<ItemLine> lines, List<ItemLine> unknown, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (ItemLine line in lines.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            _total++;
            switch (line.Status)
            {
                case ItemStatus.Succeeded:
                    _succeeded++;
                    break;
                case ItemStatus.OutcomeUnknown:
                    _unknown++;
                    unknown.Add(line);
                    break;
                case ItemStatus.NotAttempted:
                    _notAttempted++;
                    break;
                default:
                    _credentials |= line.HttpStatus == HttpStatusCode.Unauthorized;
                    _quota |= line.HttpStatus == HttpStatusCode.TooManyRequests;
                    break;
            }

            yield return line;
        }
    }
}
