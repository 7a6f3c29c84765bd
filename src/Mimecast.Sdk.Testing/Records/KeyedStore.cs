namespace Mimecast.Sdk.Testing;

/// <summary>
/// A family's stateful records of one account, keyed by opaque ids the simulator mints (<c>eNo…</c>, or with a prefix
/// such as <c>MTOKEN:eNo…</c>, the shapes Mimecast returns). Ids are opaque to clients: never parse or compare them
/// across reads. Held by <see cref="AccountState.Store{T}"/>; guarded by the simulator's lock.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
internal sealed class KeyedStore<T>(Random random)
    where T : class
{
    private readonly Dictionary<string, T> _byId = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>Gets the records in the order they were added.</summary>
    public IEnumerable<T> Values => _order.Select(id => _byId[id]);

    /// <summary>Gets how many records the store holds.</summary>
    public int Count => _byId.Count;

    /// <summary>A new id, unique in this store: <paramref name="prefix"/> + <c>eNo</c> + base64url of seeded random bytes.</summary>
    public string Mint(string prefix = "")
    {
        var bytes = new byte[24];
        string id;
        do
        {
            random.NextBytes(bytes);
            id = prefix + "eNo" + KeyMaterial.Base64Url(bytes);
        }
        while (_byId.ContainsKey(id));

        return id;
    }

    /// <summary>The record with <paramref name="id"/>, or null.</summary>
    public T? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The first record that matches, or null (e.g. a duplicate check on the record's natural key).</summary>
    public T? Find(Func<T, bool> match) => Values.FirstOrDefault(match);

    /// <summary>Adds or replaces the record under <paramref name="id"/> (an upsert keeps its position).</summary>
    public void Put(string id, T record)
    {
        if (_byId.TryAdd(id, record))
        {
            _order.Add(id);
        }
        else
        {
            _byId[id] = record;
        }
    }

    /// <summary>Removes the record with <paramref name="id"/>; false when there was none.</summary>
    public bool Remove(string id) => _byId.Remove(id) && _order.Remove(id);
}
