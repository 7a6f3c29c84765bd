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

    internal void Validate()
    {
        if (SchemaName is null || !SchemaNamePattern().IsMatch(SchemaName))
        {
            throw new ArgumentException($"{nameof(SchemaName)} '{SchemaName}' is not valid: use lowercase letters, digits and '_', starting with a letter or '_', at most 63 characters.", nameof(SchemaName));
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaNamePattern();
}
