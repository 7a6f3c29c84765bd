using System.Runtime.CompilerServices;
using System.Text.Json;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

// The SIEM event stream's walk over one event type group: the SDK's one page loop (read-ahead, paging guards,
// cancellation of an abandoned page) with the stream's own stop rules and boundary de-duplication.
internal sealed partial class SiemClient
{
    private async IAsyncEnumerable<SiemEvent> ReadStreamAsync(string? types, SiemEventQuery query, int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = _transport.Pageable<SiemEvent>(async (cursor, _, token) =>
        {
            var result = await GetEventsPageCoreAsync(types, query, pageSize, cursor, token).ConfigureAwait(false);

            // Stop rules: no cursor, caught up, an empty or short page.
            var next = result.NextPage is null || result.IsCaughtUp || result.Events.Count == 0 || result.Events.Count < pageSize ? null : result.NextPage;
            return new MimecastPage<SiemEvent>(result.Events, next) { RequestId = result.RequestId };
        }, cancellationToken);

        HashSet<string>? previous = null;
        await foreach (var page in pages.AsPages().ConfigureAwait(false))
        {
            HashSet<string>? current = page.HasMore ? new HashSet<string>(StringComparer.Ordinal) : null;
            foreach (var item in page.Items)
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

                cancellationToken.ThrowIfCancellationRequested();
                yield return item;
            }

            previous = current;
        }
    }
}
