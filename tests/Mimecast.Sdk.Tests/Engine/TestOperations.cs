using System.Text.Json;
using System.Text.Json.Serialization;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Operations;

namespace Mimecast.Sdk.Tests.Engine;

/// <summary>A test-only action family on the engine: items with an id, answers echoing the id and an optional <c>released</c> flag.</summary>
internal static class TestOperations
{
    internal const string WritePath = "/api/test/write";

    internal static MimecastOperation Write(OperationIdempotency idempotency, int? maxItems = null) => new("test-write", WritePath)
    {
        Idempotency = idempotency,
        MaxItemsPerCall = maxItems,
        WhatToCheck = idempotency == OperationIdempotency.NonIdempotentWrite ? "Check whether the test items were released before sending them again." : null,
    };

    internal static BulkOperation<string, TestItem, TestResult, string> Bulk(OperationIdempotency idempotency, int maxItems) => new()
    {
        Operation = Write(idempotency, maxItems),
        ToWire = static id => new TestItem { Id = id },
        RequestInfo = TestJsonContext.Default.RequestEnvelopeTestItem,
        ResponseInfo = TestJsonContext.Default.ResponseEnvelopeTestResult,
        DataMatches = static (d, id) => d.Id == id,
        ToResult = static d => d.Id!,
        Refusal = static d => d.Released == false ? new MimecastError { Code = "released_false", Message = "not released" } : null,
        KeyMatches = static (key, id) => key.ValueKind == JsonValueKind.Object && key.TryGetProperty("id", out var k) && k.GetString() == id,
        Describe = static id => id,
    };
}

internal sealed class TestItem
{
    public string? Id { get; set; }
}

internal sealed class TestResult
{
    public string? Id { get; set; }

    public bool? Released { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RequestEnvelope<TestItem>))]
[JsonSerializable(typeof(ResponseEnvelope<TestResult>))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
