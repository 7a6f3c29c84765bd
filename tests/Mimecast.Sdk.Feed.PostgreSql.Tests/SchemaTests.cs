using Npgsql;

namespace Mimecast.Sdk.Feed.PostgreSql.Tests;

/// <summary>Schema creation on first use against a real server: idempotent, concurrent, versioned, configurable.</summary>
public sealed class SchemaTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private readonly string _schema = $"m_{Guid.NewGuid():N}"[..20];

    [PostgresFact]
    public async Task FirstUse_ByManyProcessesAtOnce_CreatesTheSchemaOnce()
    {
        // Separate stores with separate data sources: like separate processes starting together.
        var stores = Enumerable.Range(0, 6).Select(_ => new PostgreSqlCheckpointStore(db.ConnectionString, new PostgreSqlCheckpointStoreOptions { SchemaName = _schema })).ToList();
        try
        {
            await Task.WhenAll(stores.Select(s => s.EnsureSchemaAsync()));
            await Task.WhenAll(stores.Select(async s => await s.LoadAsync("acme")));
        }
        finally
        {
            foreach (var s in stores)
            {
                await s.DisposeAsync();
            }
        }

        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".schema_version"));
        Assert.Equal(1, await db.ScalarAsync($"SELECT max(version) FROM \"{_schema}\".schema_version"));
        Assert.Equal(3, await db.ScalarAsync($"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{_schema}'"));
    }

    [PostgresFact]
    public async Task SecondUse_OfAnExistingSchema_KeepsItsRows()
    {
        await using (var first = new PostgreSqlCheckpointStore(db.ConnectionString, new PostgreSqlCheckpointStoreOptions { SchemaName = _schema }))
        {
            await first.CommitAsync("acme", MimecastCheckpointVersion.None, MimecastFeedState.Empty, []);
        }

        await using var second = new PostgreSqlCheckpointStore(db.ConnectionString, new PostgreSqlCheckpointStoreOptions { SchemaName = _schema });
        Assert.NotNull((await second.LoadAsync("acme")).State);
        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".schema_version"));
    }

    [PostgresFact]
    public async Task ASchemaFromANewerPackage_IsRefused_WithATypedException()
    {
        await using (var store = new PostgreSqlCheckpointStore(db.ConnectionString, new PostgreSqlCheckpointStoreOptions { SchemaName = _schema }))
        {
            await store.EnsureSchemaAsync();
        }

        await using (var connection = new NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var bump = new NpgsqlCommand($"INSERT INTO \"{_schema}\".schema_version (version) VALUES (99)", connection);
            await bump.ExecuteNonQueryAsync();
        }

        await using var newer = new PostgreSqlCheckpointStore(db.ConnectionString, new PostgreSqlCheckpointStoreOptions { SchemaName = _schema });
        var ex = await Assert.ThrowsAsync<MimecastCheckpointException>(async () => await newer.LoadAsync("acme"));
        Assert.Contains("version 99", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("x; DROP TABLE y")]
    [InlineData("")]
    [InlineData("1abc")]
    public void AnInvalidSchemaName_IsRefused(string name) =>
        Assert.Throws<ArgumentException>(() => new PostgreSqlCheckpointStore("Host=127.0.0.1", new PostgreSqlCheckpointStoreOptions { SchemaName = name }));
}
