using Npgsql;

namespace Mimecast.Sdk.Feed.PostgreSql;

/// <summary>
/// The outbox a <see cref="MimecastOutboxRelay"/> reads: where its tables live. <see cref="PostgreSqlCheckpointStore"/>
/// implements it; implement it yourself to relay a store you wrap or decorate (its schema must be the store's).
/// </summary>
public interface IMimecastOutboxStore
{
    /// <summary>Gets the PostgreSQL schema holding the <c>outbox</c> table.</summary>
    string SchemaName { get; }

    /// <summary>Gets the data source whose database holds the outbox.</summary>
    NpgsqlDataSource DataSource { get; }

    /// <summary>Creates the schema and tables if they do not exist yet.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the schema is ready.</returns>
    /// <exception cref="MimecastCheckpointException">The database refused the schema, or it was migrated by a newer package.</exception>
    Task EnsureSchemaAsync(CancellationToken cancellationToken = default);
}
