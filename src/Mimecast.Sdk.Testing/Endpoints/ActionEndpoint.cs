using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// The answer of a per-item operation, built item by item: <see cref="Data"/> adds an entry to <c>data</c>,
/// <see cref="Fail"/> a keyed entry to <c>fail</c> (HTTP 200: an item error is not a call error), and
/// <see cref="FunctionFailed"/> answers the whole call with a function status in <c>meta.status</c> and empty
/// <c>data</c> and <c>fail</c> (the channel Mimecast uses for 403, 404 and 500 of the function).
/// </summary>
internal sealed class ItemAnswer
{
    private readonly List<Action<Utf8JsonWriter>> _data = [];
    private readonly List<(FailError Error, JsonElement? Key)> _fail = [];

    /// <summary>Gets the function status that replaced the answer, if any.</summary>
    public int? FunctionStatus { get; private set; }

    /// <summary>Adds one <c>data</c> entry.</summary>
    public void Data(Action<Utf8JsonWriter> writeItem) => _data.Add(writeItem);

    /// <summary>Adds one <c>fail</c> entry echoing the request item as its <c>key</c> (no key when <paramref name="key"/> is null).</summary>
    public void Fail(JsonElement? key, FailError error) => _fail.Add((error, key));

    /// <summary>Fails the whole call: <c>meta.status</c> = <paramref name="metaStatus"/>, <c>data</c> and <c>fail</c> empty.</summary>
    public void FunctionFailed(int metaStatus) => FunctionStatus = metaStatus;

    /// <summary>The envelope (written while the request's JSON, echoed as keys, is still alive).</summary>
    public byte[] ToBody() => JsonOut.Write(w =>
    {
        bool failed = FunctionStatus is not null;
        w.WriteStartObject();
        w.WriteStartObject("meta");
        w.WriteNumber("status", FunctionStatus ?? 200);
        w.WriteEndObject();
        w.WriteStartArray("data");
        foreach (Action<Utf8JsonWriter> write in failed ? [] : _data)
        {
            write(w);
        }

        w.WriteEndArray();
        w.WriteStartArray("fail");
        foreach ((FailError error, JsonElement? key) in failed ? [] : _fail)
        {
            JsonOut.WriteFailEntry(w, error, key);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });
}

/// <summary>
/// The kit's per-item operation (the response actions: decode, block, release, add member …): a <c>POST</c> whose
/// <c>data</c> holds from <paramref name="minItems"/> to <paramref name="maxItems"/> items (outside: HTTP 400
/// <see cref="SimulatorErrorCodes.ItemCount"/>, nothing applied). It composes the caller's credentials, quota and faults
/// like every data call, then hands each item to <paramref name="handle"/> under the simulator's lock, so a family's
/// state (a <see cref="KeyedStore{T}"/> per account) changes atomically with the answer it gives. With the
/// <see cref="SimulatorFault.AppliedAnswerLost"/> fault the items are applied and the answer is dropped.
/// </summary>
internal sealed class ActionEndpoint(EndpointKit kit, string path, int minItems, int maxItems, Action<AccountState, JsonElement, ItemAnswer> handle)
{

    /// <summary>The route of this operation (API 1.0 signatures and API 2.0 bearer tokens both accepted).</summary>
    public SimulatorRoute Route => new(HttpMethods.Post, path, ServeAsync, "data");

    private async Task ServeAsync(Exchange ex)
    {
        using AuthenticatedCall? call = await kit.Auth.AuthenticateAsync(ex, allowBearer: true, rated: true).ConfigureAwait(false);
        if (call is null)
        {
            return;
        }

        JsonElement[] items = call.Doc is { } doc && doc.RootElement.TryGetProperty("data", out JsonElement data) ? [.. data.EnumerateArray()] : [];
        if (items.Length < minItems || items.Length > maxItems)
        {
            string range = minItems == maxItems ? minItems.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"from {minItems} to {maxItems}");
            await kit.Responder.FailAsync(ex, 400, new FailError(SimulatorErrorCodes.ItemCount, $"The request must contain {range} items", Field: "data")).ConfigureAwait(false);
            return;
        }

        // An operation that takes no item (get-account, summaries) runs once, as for one empty item.
        using JsonDocument? empty = items.Length == 0 ? JsonDocument.Parse("{}") : null;
        if (empty is not null)
        {
            items = [empty.RootElement];
        }

        var answer = new ItemAnswer();
        lock (kit.Core.Gate)
        {
            foreach (JsonElement item in items)
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    answer.Fail(null, new FailError(SimulatorErrorCodes.InvalidValue, "Each data item must be an object", Field: "data"));
                    continue;
                }

                handle(call.Account, item, answer);
                if (answer.FunctionStatus is not null)
                {
                    break;
                }
            }
        }

        ex.RecordCount = items.Length;
        await kit.Responder.RespondAsync(ex, 200, answer.ToBody()).ConfigureAwait(false);
    }
}
