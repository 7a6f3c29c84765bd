namespace Mimecast.Sdk.Feed.Tests;

/// <summary>Short forms for tests that read or overwrite a store's state directly.</summary>
internal static class StoreTestExtensions
{
    public static async Task<MimecastFeedState?> LoadStateAsync(this IMimecastCheckpointStore store, string customer, CancellationToken cancellationToken = default) =>
        (await store.LoadAsync(customer, cancellationToken)).State;

    /// <summary>Commits <paramref name="state"/> over whatever is stored (reads the version first).</summary>
    public static async Task SaveAsync(this IMimecastCheckpointStore store, string customer, MimecastFeedState state, CancellationToken cancellationToken = default)
    {
        var current = await store.LoadAsync(customer, cancellationToken);
        await store.CommitAsync(customer, current.Version, state, [], cancellationToken);
    }

    public static MimecastFeedCheckpoint Checkpoint(DateTimeOffset time, params string[] ids) =>
        new(time, ids.Select(id => KeyValuePair.Create(id, time)));

    public static IEnumerable<string> Ids(this MimecastFeedCheckpoint checkpoint) => checkpoint.Delivered.Keys;
}
