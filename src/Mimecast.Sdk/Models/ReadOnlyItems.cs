using System.Collections.ObjectModel;

namespace Mimecast.Sdk.Models;

/// <summary>
/// Snapshots a list handed to a public result type (a page, an exception) into a read-only view over a private array:
/// a caller can neither mutate it (a cast to <see cref="IList{T}"/> or <see cref="List{T}"/> gets nothing writable)
/// nor see it change when the list it was built from changes.
/// </summary>
internal static class ReadOnlyItems
{
    internal static IReadOnlyList<T> Of<T>(IReadOnlyList<T>? items) =>
        items is null || items.Count == 0 ? ReadOnlyCollection<T>.Empty : Array.AsReadOnly([.. items]);
}
