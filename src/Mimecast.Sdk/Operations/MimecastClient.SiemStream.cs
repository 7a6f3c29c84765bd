using System.Runtime.CompilerServices;
using System.Text.Json;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

// The SIEM event stream's page walk: one event type group, one page read ahead, the shared paging bounds.
public sealed partial class MimecastClient
{
    private async IAsyncEnumerable<SiemEvent> ReadSiemStreamAsync(string? types, SiemEventQuery query, int pageSize, MimecastPagingOptions paging,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = linked.Token;
        var guard = new PagingGuard(paging, _contexts.TimeProvider, null);
        HashSet<string>? previous = null;
        var pagesRead = 0;
        Task<SiemEventPage>? pending = GetSiemEventsPageCoreAsync(types, query, pageSize, null, token);
        try
        {
            while (pending is not null)
            {
                var result = await pending.ConfigureAwait(false);
                pending = null;
                pagesRead++;

                // Stop rules: no cursor, caught up, an empty or short page.
                var next = result.NextPage is null || result.IsCaughtUp || result.Events.Count == 0 || result.Events.Count < pageSize ? null : result.NextPage;
                MimecastPagingException? stop = null;
                if (next is not null)
                {
                    stop = guard.Check(next, pagesRead, result.RequestId);
                    if (stop is null && paging.ReadAhead)
                    {
                        // The next page travels while the caller works on this one (one page ahead, never more).
                        token.ThrowIfCancellationRequested();
                        pending = GetSiemEventsPageCoreAsync(types, query, pageSize, next, token);
                    }
                }

                HashSet<string>? current = next is null ? null : new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in result.Events)
                {
                    var raw = item.Raw.ValueKind == JsonValueKind.Undefined ? null : item.Raw.GetRawText();
                    if (raw is not null)
                    {
                        current?.Add(raw);

                        // A page may repeat events of the previous page (seen with nextPage): deliver each once.
                        if (previous?.Contains(raw) == true)
                        {
                            continue;
                        }
                    }

                    token.ThrowIfCancellationRequested();
                    yield return item;
                }

                if (stop is not null)
                {
                    throw stop;
                }

                if (next is not null && pending is null)
                {
                    token.ThrowIfCancellationRequested();
                    pending = GetSiemEventsPageCoreAsync(types, query, pageSize, next, token);
                }

                previous = current;
            }
        }
        finally
        {
            if (pending is not null)
            {
                // The caller stopped while a page was read ahead: cancel it and observe its outcome (it belongs to no caller).
                await linked.CancelAsync().ConfigureAwait(false);
                try
                {
                    await pending.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Abandoned read-ahead: cost one call of the quota, nothing else.
                }
            }
        }
    }
}
