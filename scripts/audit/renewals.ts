/**
 * Renewal chains: an exemption renewed or extended by a later request that names it in `renews`, which
 * may itself be renewed. The register shows each line from the first exemption to the latest, so that
 * an auditor reads how long an outside contract has been continued on exception.
 */

export interface RenewalChain {
  /** Request ids, the first exemption first, the latest renewal last. */
  ids: string[];
  /** The first request names an exemption that is not on the branch: the line is broken there. */
  broken_at: string | null;
}

/** The chains among the requests on the branch (each with the id it renews, if any). */
export function renewalChains(
  requests: readonly { request: string; renews: string | null }[],
): RenewalChain[] {
  const renews = new Map(requests.map((r) => [r.request, r.renews]));
  const renewed = new Set(requests.map((r) => r.renews).filter((id): id is string => id !== null));
  const chains: RenewalChain[] = [];
  for (const { request: tip } of requests) {
    if (renewed.has(tip) || renews.get(tip) === null) continue;
    const ids = [tip];
    let at = renews.get(tip) ?? null;
    // A request cannot renew its own line twice; a loop is cut where it closes.
    while (at !== null && renews.has(at) && !ids.includes(at)) {
      ids.unshift(at);
      at = renews.get(at) ?? null;
    }
    chains.push({ ids, broken_at: at !== null && !renews.has(at) ? at : null });
  }
  return chains.sort((a, b) => (a.ids[0] ?? '').localeCompare(b.ids[0] ?? ''));
}
