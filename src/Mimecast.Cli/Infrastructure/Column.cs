namespace Mimecast.Cli;

/// <summary>A column of table and tsv output: its header and how a row's cell is read.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Name">The header; <c>--fields</c> matches it case-insensitively.</param>
/// <param name="Value">Reads the cell (null prints empty).</param>
internal sealed record Column<T>(string Name, Func<T, string?> Value);

/// <summary>The output formats of <c>-o</c>.</summary>
internal enum OutputFormat
{
    /// <summary>Aligned columns for people (a terminal's default).</summary>
    Table,

    /// <summary>One JSON document: an array for lists, an object for one item.</summary>
    Json,

    /// <summary>One JSON object per line (the default when stdout is not a terminal).</summary>
    Jsonl,

    /// <summary>Tab-separated values with a header line; tabs, newlines and backslashes in values escaped.</summary>
    Tsv,
}
