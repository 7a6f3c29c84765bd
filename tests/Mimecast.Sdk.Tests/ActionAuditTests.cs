using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk.Diagnostics;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Operations;
using Mimecast.Sdk.Tests.Infrastructure;
using WireMock.Matchers;

namespace Mimecast.Sdk.Tests;

/// <summary>
/// The audit trail every write gets from the engine: one Information line per call (operation, client, target,
/// outcome, request id), the action tags on the call's activity, and the <c>mimecast.actions</c> counter per item.
/// Each test uses its own operation name: the activity and meter listeners are process-wide.
/// </summary>
public sealed class ActionAuditTests
{
    private const string Path = "/api/test/audit-write";

    private static BulkOperation<string, EmailAddressData, JsonElement, string> Bulk(string name) => new()
    {
        Operation = new MimecastOperation(name, Path) { Idempotency = OperationIdempotency.IdempotentWrite, MaxItemsPerCall = 2 },
        ToWire = static address => new EmailAddressData { EmailAddress = address },
        RequestInfo = MimecastJsonContext.Default.RequestEnvelopeEmailAddressData,
        ResponseInfo = MimecastJsonContext.Default.ResponseEnvelopeJsonElement,
        DataMatches = static (data, item) => data.GetProperty("emailAddress").GetString() == item,
        KeyMatches = static (key, item) => key.TryGetProperty("emailAddress", out var a) && a.GetString() == item,
        ToResult = static data => data.GetProperty("id").GetString()!,
        Describe = static item => item,
    };

    [Fact]
    public async Task Every_write_call_is_logged_traced_and_counted_with_its_outcome_and_no_secret()
    {
        await using var h = SdkHarness.Start();
        using var capture = new Capture("audit-bulk");
        h.Server.Given(Stubs.Post(Path).WithBody(new WildcardMatcher("*a@example.com*")))
            .RespondWith(Stubs.Json("""
                {"meta":{"status":200},"data":[{"emailAddress":"a@example.com","id":"1"}],
                 "fail":[{"key":{"emailAddress":"b@example.com"},"errors":[{"code":"err_validation_invalid_email_address","message":"Email address is not valid","retryable":false}]}]}
                """));
        h.Server.Given(Stubs.Post(Path).WithBody(new WildcardMatcher("*c@example.com*")))
            .RespondWith(Stubs.Json("""{"meta":{"status":200},"data":[{"emailAddress":"c@example.com","id":"3"}],"fail":[]}"""));
        var transport = ((MimecastClient)h.Client).Transport;

        var result = await transport.SendBulkAsync(Bulk("audit-bulk"), ["a@example.com", "b@example.com", "c@example.com"], CancellationToken.None);

        Assert.Equal(2, result.Succeeded.Count);
        var lines = h.Logs.GetSnapshot().Where(r => r.Id.Id == 6001).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(LogLevel.Information, l.Level));
        Assert.Equal("Mimecast action audit-bulk by client default on a@example.com, b@example.com: partial (1 succeeded, 1 failed, 0 unknown); request id " + RequestId(h, 0), lines[0].Message);
        Assert.Equal("Mimecast action audit-bulk by client default on c@example.com: succeeded (1 succeeded, 0 failed, 0 unknown); request id " + RequestId(h, 1), lines[1].Message);

        Assert.Equal(["partial", "succeeded"], capture.Activities.Select(a => a.GetTagItem("mimecast.action.outcome")).ToArray());
        Assert.Equal("c@example.com", capture.Activities[1].GetTagItem("mimecast.action.target"));
        Assert.Equal(2L, capture.Sum("succeeded"));
        Assert.Equal(1L, capture.Sum("failed"));
        Assert.Equal(0L, capture.Sum("unknown"));

        var everything = string.Join("\n", h.Logs.GetSnapshot().Select(r => r.Message + " " + string.Join(",", r.StructuredState ?? [])));
        foreach (var secret in new[] { SdkHarness.AppKey, SdkHarness.SecretKey, SdkHarness.AccessKey })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_non_idempotent_write_whose_answer_is_a_server_error_is_logged_and_counted_as_unknown()
    {
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2);
        h.Server.Token();
        using var capture = new Capture("audit-create");
        h.Server.Given(Stubs.Post(Path)).RespondWith(Stubs.Json("{}", 503));
        var operation = new MimecastOperation("audit-create", Path) { Idempotency = OperationIdempotency.NonIdempotentWrite, WhatToCheck = "Look it up." };
        var transport = ((MimecastClient)h.Client).Transport;

        await Assert.ThrowsAsync<MimecastOutcomeUnknownException>(() => transport.CallAsync(operation, new EmailAddressData { EmailAddress = "x@example.com" },
            MimecastJsonContext.Default.RequestEnvelopeEmailAddressData, MimecastJsonContext.Default.ResponseEnvelopeMimecastAccessKey, CancellationToken.None, target: "x@example.com"));

        var line = Assert.Single(h.Logs.GetSnapshot(), r => r.Id.Id == 6001);
        Assert.Equal("Mimecast action audit-create by client default on x@example.com: unknown (0 succeeded, 0 failed, 1 unknown); request id " + RequestId(h, 0), line.Message);
        Assert.Equal("unknown", Assert.Single(capture.Activities).GetTagItem("mimecast.action.outcome"));
        Assert.Equal(1L, capture.Sum("unknown"));
        Assert.Equal(1, h.Received(Path));
        Assert.Equal("mimecast.actions", MimecastTelemetryNames.Actions);
    }

    private static string RequestId(SdkHarness h, int call) => h.SentTo(Path)[call].Header("x-mc-req-id")!;

    /// <summary>Activities and <c>mimecast.actions</c> measurements of one operation name.</summary>
    private sealed class Capture : IDisposable
    {
        private readonly string _operation;
        private readonly ActivityListener _activities;
        private readonly MeterListener _meter = new();
        private readonly ConcurrentQueue<Activity> _stopped = new();
        private readonly ConcurrentQueue<(string Outcome, long Value)> _counts = new();

        internal Capture(string operation)
        {
            _operation = operation;
            _activities = new ActivityListener
            {
                ShouldListenTo = static s => s.Name == MimecastTelemetryNames.ActivitySourceName,
                Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a =>
                {
                    if (Equals(a.GetTagItem("mimecast.operation"), _operation))
                    {
                        _stopped.Enqueue(a);
                    }
                },
            };
            ActivitySource.AddActivityListener(_activities);
            _meter.InstrumentPublished = static (instrument, listener) =>
            {
                if (instrument.Meter.Name == MimecastTelemetryNames.MeterName && instrument.Name == MimecastTelemetryNames.Actions)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _meter.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? operationTag = null, outcome = null;
                foreach (var tag in tags)
                {
                    operationTag = tag.Key == "mimecast.operation" ? Convert.ToString(tag.Value, CultureInfo.InvariantCulture) : operationTag;
                    outcome = tag.Key == "mimecast.outcome" ? Convert.ToString(tag.Value, CultureInfo.InvariantCulture) : outcome;
                }

                if (operationTag == _operation && outcome is not null)
                {
                    _counts.Enqueue((outcome, value));
                }
            });
            _meter.Start();
        }

        internal IReadOnlyList<Activity> Activities => [.. _stopped];

        internal long Sum(string outcome) => _counts.Where(c => c.Outcome == outcome).Sum(c => c.Value);

        public void Dispose()
        {
            _meter.Dispose();
            _activities.Dispose();
        }
    }
}
