using System.Text.RegularExpressions;

namespace Mimecast.Sdk.Feed.PostgreSql;

/// <summary>Settings of <see cref="PostgreSqlCheckpointStore"/>.</summary>
public sealed partial class PostgreSqlCheckpointStoreOptions
{
    /// <summary>The default schema of the store's tables.</summary>
    public const string DefaultSchemaName = "mimecast_feed";

    /// <summary>
    /// Gets or sets the schema holding the store's tables (<c>checkpoint</c>, <c>outbox</c>, <c>schema_version</c>);
    /// created on first use. Lowercase letters, digits and <c>_</c>, starting with a letter or <c>_</c>, at most 63
    /// characters. Defaults to <see cref="DefaultSchemaName"/>.
    /// </summary>
    public string SchemaName { get; set; } = DefaultSchemaName;

    /// <summary>
    /// Gets or sets how long a session of the store may sit idle inside a transaction before PostgreSQL ends it
    /// (<c>idle_in_transaction_session_timeout</c> on the connections of a store built from a connection string). A
    /// worker frozen mid-commit (a long GC pause, a suspended VM) would otherwise hold its customer's checkpoint row
    /// until it wakes. The relay's transaction is idle while your sink delivers: keep this above your sink's slowest
    /// delivery. <see cref="TimeSpan.Zero"/> leaves the server's setting. Defaults to 10 seconds.
    /// </summary>
    public TimeSpan StalledTransactionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(StalledTransactionTimeout, TimeSpan.Zero, nameof(StalledTransactionTimeout));
        if (SchemaName is null || !SchemaNamePattern().IsMatch(SchemaName))
        {
            throw new ArgumentException($"{nameof(SchemaName)} '{SchemaName}' is not valid: use lowercase letters, digits and '_', starting with a letter or '_', at most 63 characters.", nameof(SchemaName));
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaNamePattern();
}
