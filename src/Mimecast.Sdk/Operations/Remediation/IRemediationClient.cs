using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>
/// Threat remediation (<c>client.Remediation</c>), over API 1.0 or 2.0 (the same <c>/api/ttp/remediation/...</c> paths):
/// pull delivered mail from mailboxes by file hash, message id or URL, and read incidents back. Thread-safe; can be faked
/// on its own.
/// </summary>
/// <remarks>Failures are reported as described on <see cref="IMimecastClient"/>.</remarks>
public interface IRemediationClient
{
    /// <summary>
    /// Creates a remediation incident (<c>POST /api/ttp/remediation/create</c>): Mimecast removes the matching messages
    /// from mailboxes. Every call creates an incident, so the call is never resent after it may have reached Mimecast
    /// (only after a 429). When its answer is lost (HTTP 5xx/408, a timeout or a cut connection after sending) the SDK
    /// looks the incident up with find-incidents by <see cref="RemediationRequest.Reason"/> around the time of the call:
    /// exactly one incident with that reason is returned as the result; none throws
    /// <see cref="MimecastNotExecutedException"/> (safe to create again); several, or a failed lookup, throw
    /// <see cref="MimecastOutcomeUnknownException"/>. Give every incident a unique reason for this to tell.
    /// Permission: <c>Services | Threat Remediation | Edit</c>.
    /// </summary>
    /// <param name="request">What to search for and the reason.</param>
    /// <param name="cancellationToken">Cancels the call (an incident may still be created if the request was sent).</param>
    /// <returns>The incident, with the counts Mimecast had at creation.</returns>
    /// <exception cref="MimecastOutcomeUnknownException">The answer was lost and the lookup could not tell whether the incident exists.</exception>
    /// <exception cref="MimecastNotExecutedException">The answer was lost and the lookup found no such incident.</exception>
    /// <exception cref="MimecastApiException">Mimecast refused the request.</exception>
    Task<RemediationIncident> CreateIncidentAsync(RemediationRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets incidents by id (<c>POST /api/ttp/remediation/get-incident</c>): any number, 25 per call, one result per id (an
    /// unknown id is a <see cref="MimecastItemStatus.Failed"/> item). A read. Permission: <c>Services | Threat Remediation | Read</c>.
    /// </summary>
    /// <param name="ids">The incident ids.</param>
    /// <param name="cancellationToken">Cancels the remaining calls.</param>
    /// <returns>One result per id, in order.</returns>
    /// <exception cref="ArgumentException">An id is empty (nothing is sent).</exception>
    Task<MimecastBulkResult<string, RemediationIncident>> GetIncidentsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds incidents (<c>POST /api/ttp/remediation/find-incidents</c>) by period, text and type. A read.
    /// Mimecast documents two shapes for <c>searchBy</c>/<c>filterBy</c> (an object, or arrays of <c>{fieldName, value}</c>):
    /// the object is sent first, and the arrays once if Mimecast refuses it as invalid. The incidents are read from
    /// <c>data[0].incidents[]</c> or, if Mimecast lists them directly, from <c>data[]</c>.
    /// Permission: <c>Services | Threat Remediation | Read</c>.
    /// </summary>
    /// <param name="query">At least one of a period, a search value or a type.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The incidents.</returns>
    /// <exception cref="ArgumentException">The query sets nothing, or a search field without a value.</exception>
    /// <exception cref="MimecastApiException">Mimecast refused the call.</exception>
    Task<IReadOnlyList<RemediationIncident>> FindIncidentsAsync(RemediationIncidentQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tells which file hashes were seen in the account's mail over the last year
    /// (<c>POST /api/ttp/remediation/search-hash</c>): any number, sent 20 per call and under Mimecast's 2048-byte request
    /// limit. A read. Permission: <c>Services | Threat Remediation | Read</c>.
    /// </summary>
    /// <param name="hashes">The file hashes.</param>
    /// <param name="cancellationToken">Cancels the remaining calls.</param>
    /// <returns>The status of each hash searched, and the hashes Mimecast could not search.</returns>
    /// <exception cref="ArgumentException">A hash is empty (nothing is sent).</exception>
    /// <exception cref="MimecastApiException">Mimecast refused a call.</exception>
    Task<RemediationHashSearchResult> SearchHashesAsync(IReadOnlyList<string> hashes, CancellationToken cancellationToken = default);
}
