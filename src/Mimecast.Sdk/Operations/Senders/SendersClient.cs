using System.Net;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>Managed senders (bulk upsert) and blocked-sender policies (list, get, checked create, read-modify-write update, idempotent delete).</summary>
internal sealed class SendersClient : ISendersClient
{
    private static readonly BulkOperation<ManagedSenderEntry, ManagedSenderData, ManagedSender, ManagedSender> PermitBulk = SendersOperations.Bulk("permit");
    private static readonly BulkOperation<ManagedSenderEntry, ManagedSenderData, ManagedSender, ManagedSender> BlockBulk = SendersOperations.Bulk("block");

    private readonly MimecastTransport _transport;

    internal SendersClient(MimecastTransport transport) => _transport = transport;

    /// <inheritdoc />
    public Task<MimecastBulkResult<ManagedSenderEntry, ManagedSender>> PermitAsync(IEnumerable<ManagedSenderEntry> entries, CancellationToken cancellationToken = default) =>
        SendAsync(PermitBulk, entries, cancellationToken);

    /// <inheritdoc />
    public Task<MimecastBulkResult<ManagedSenderEntry, ManagedSender>> BlockAsync(IEnumerable<ManagedSenderEntry> entries, CancellationToken cancellationToken = default) =>
        SendAsync(BlockBulk, entries, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<BlockedSenderPolicy>> GetPoliciesAsync(CancellationToken cancellationToken = default) =>
        await ReadPoliciesAsync(null, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<BlockedSenderPolicy?> GetPolicyAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return (await ReadPoliciesAsync(new IdData { Id = id }, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<BlockedSenderPolicyCreateResult> CreatePolicyAsync(BlockedSenderPolicyRequest request, CancellationToken cancellationToken = default)
    {
        SendersOperations.Validate(request);
        var operation = SendersOperations.CreatePolicy;
        try
        {
            var policy = await SendPolicyAsync(operation, request, null, cancellationToken).ConfigureAwait(false);
            return new BlockedSenderPolicyCreateResult(BlockedSenderPolicyCreateOutcome.Created, policy);
        }
        catch (MimecastOutcomeUnknownException unknown)
        {
            List<BlockedSenderPolicy> matches;
            try
            {
                matches = [.. (await GetPoliciesAsync(cancellationToken).ConfigureAwait(false)).Where(p => string.Equals(p.Policy?.Description, request.Description, StringComparison.Ordinal))];
            }
            catch (MimecastApiException)
            {
                throw unknown;
            }

            if (matches.Count > 1)
            {
                throw;
            }

            var outcome = matches.Count == 1 ? BlockedSenderPolicyCreateOutcome.CreatedVerified : BlockedSenderPolicyCreateOutcome.NotCreated;
            _transport.AuditChecked(operation, request.Description, matches.Count == 1 ? MimecastTransport.Succeeded : "not_applied", "listing the policies by description");
            return new BlockedSenderPolicyCreateResult(outcome, matches.FirstOrDefault());
        }
    }

    /// <inheritdoc />
    public async Task<BlockedSenderPolicy> UpdatePolicyAsync(string id, Action<BlockedSenderPolicyRequest> change, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(change);
        var current = await GetPolicyAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new MimecastApiException($"Mimecast has no blocked-sender policy with id '{id}' to update.", HttpStatusCode.OK, null, null, SendersOperations.GetPolicy.Path);
        var request = SendersOperations.FromPolicy(current);
        change(request);
        SendersOperations.Validate(request);
        return await SendPolicyAsync(SendersOperations.UpdatePolicy, request, current.Id ?? id, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<MimecastDeleteOutcome> DeletePolicyAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        try
        {
            var (envelope, requestId) = await _transport.CallEnvelopeAsync(SendersOperations.DeletePolicy, new IdData { Id = id }, ActionsJsonContext.Default.RequestEnvelopeIdData,
                ActionsJsonContext.Default.ResponseEnvelopeJsonElement, id, cancellationToken).ConfigureAwait(false);
            var errors = FailItems.Flatten(envelope.Fail);
            return errors.Count == 0 ? MimecastDeleteOutcome.Deleted : throw MimecastTransport.Refused(SendersOperations.DeletePolicy, errors, requestId);
        }
        catch (MimecastApiException e) when (e.FunctionStatus == (int)HttpStatusCode.NotFound && e.Errors.Count == 0)
        {
            // Mimecast's "no such policy": meta.status 404 with an empty fail (the desired state holds).
            _transport.AuditChecked(SendersOperations.DeletePolicy, id, "already_absent", "meta.status 404");
            return MimecastDeleteOutcome.AlreadyAbsent;
        }
    }

    private Task<MimecastBulkResult<ManagedSenderEntry, ManagedSender>> SendAsync(BulkOperation<ManagedSenderEntry, ManagedSenderData, ManagedSender, ManagedSender> bulk,
        IEnumerable<ManagedSenderEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return _transport.SendBulkAsync(bulk, [.. entries], cancellationToken);
    }

    private async Task<List<BlockedSenderPolicy>> ReadPoliciesAsync(IdData? id, CancellationToken cancellationToken)
    {
        var (envelope, requestId) = await _transport.CallEnvelopeAsync(SendersOperations.GetPolicy, id, ActionsJsonContext.Default.RequestEnvelopeIdData,
            ActionsJsonContext.Default.ResponseEnvelopeBlockedSenderPolicy, null, cancellationToken).ConfigureAwait(false);
        var errors = FailItems.Flatten(envelope.Fail);
        return errors.Count == 0 ? [.. (envelope.Data ?? []).OfType<BlockedSenderPolicy>()] : throw MimecastTransport.Refused(SendersOperations.GetPolicy, errors, requestId);
    }

    private async Task<BlockedSenderPolicy> SendPolicyAsync(Http.MimecastOperation operation, BlockedSenderPolicyRequest request, string? id, CancellationToken cancellationToken)
    {
        var (envelope, requestId) = await _transport.CallEnvelopeAsync(operation, SendersOperations.ToWire(request, id), ActionsJsonContext.Default.RequestEnvelopeBlockedSenderPolicyData,
            ActionsJsonContext.Default.ResponseEnvelopeBlockedSenderPolicy, request.Description, cancellationToken).ConfigureAwait(false);
        var errors = FailItems.Flatten(envelope.Fail);
        if (errors.Count > 0)
        {
            throw MimecastTransport.Refused(operation, errors, requestId);
        }

        return envelope.Data is { Count: > 0 } data && data[0] is { } policy
            ? policy
            : throw new MimecastInvalidResponseException($"Mimecast answered {operation.Path} successfully but without the policy.", HttpStatusCode.OK, requestId, operation.Path);
    }
}
