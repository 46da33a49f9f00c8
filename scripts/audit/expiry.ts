/**
 * Dates that run out: the end of each granted request's contract (start date plus its length in months)
 * and the end of each local agency's ATO term (from the reference data the policy uses), listed when they
 * fall within a window after the audit date.
 */
import { addDays, addMonths, daysBetween, isIsoDate } from './dates.ts';

export interface ExpiryItem {
  kind: 'contract-end' | 'ato-term-end';
  /** The day the contract or term ends. */
  date: string;
  days_left: number;
  agency: string;
  /** The request (file) for a contract; null for an ATO term. */
  request: string | null;
  file: string | null;
  detail: string;
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** The end of a request's contract: `contract.start_date` plus `contract.length_months`, or null. */
export function contractEnd(request: unknown): string | null {
  const contract = record(record(request)?.contract);
  const start = contract?.start_date;
  const months = contract?.length_months;
  if (!isIsoDate(start) || typeof months !== 'number' || !Number.isInteger(months) || months < 0) return null;
  return addMonths(start, months);
}

export interface AtoTerm {
  agency: string;
  services: string[];
  start: string;
  end: string;
}

/**
 * Every ATO agreement of the agency registry (`agencies.<code>.ato_agreements`) with the day its term
 * ends: its start date plus the ATO term of the thresholds (`ato_term_years`).
 */
export function atoTerms(reference: unknown): AtoTerm[] {
  const ref = record(reference);
  const agencies = record(ref?.agencies);
  const termYears = record(ref?.thresholds)?.ato_term_years;
  const terms: AtoTerm[] = [];
  for (const [code, value] of Object.entries(agencies ?? {})) {
    const agreements = record(value)?.ato_agreements;
    if (!Array.isArray(agreements)) continue;
    for (const agreement of agreements) {
      const a = record(agreement);
      const start = a?.start_date;
      if (!isIsoDate(start)) continue;
      if (typeof termYears !== 'number') continue;
      const end = addMonths(start, termYears * 12);
      const services = Array.isArray(a?.services) ? a.services.filter((s) => typeof s === 'string') : [];
      terms.push({ agency: code, services, start, end });
    }
  }
  return terms;
}

/** Contract and ATO-term ends from `asOf` to `asOf + withinDays` (both included), soonest first. */
export function expiringItems(
  requests: { file: string; request: unknown }[],
  reference: unknown,
  asOf: string,
  withinDays: number,
): ExpiryItem[] {
  const last = addDays(asOf, withinDays);
  const inWindow = (date: string): boolean => asOf <= date && date <= last;
  const items: ExpiryItem[] = [];
  for (const { file, request } of requests) {
    const end = contractEnd(request);
    if (!end || !inWindow(end)) continue;
    const r = record(request);
    const contract = record(r?.contract);
    items.push({
      kind: 'contract-end',
      date: end,
      days_left: daysBetween(asOf, end),
      agency: String(record(r?.agency)?.code ?? ''),
      request: typeof r?.id === 'string' ? r.id : null,
      file,
      detail: `contract with ${String(contract?.provider ?? 'the provider')} (${String(contract?.length_months)} months from ${String(contract?.start_date)})`,
    });
  }
  for (const term of atoTerms(reference)) {
    if (!inWindow(term.end)) continue;
    items.push({
      kind: 'ato-term-end',
      date: term.end,
      days_left: daysBetween(asOf, term.end),
      agency: term.agency,
      request: null,
      file: null,
      detail: `ATO term for ${term.services.join(', ') || 'its services'} (from ${term.start})`,
    });
  }
  return items.sort((a, b) => a.date.localeCompare(b.date) || a.agency.localeCompare(b.agency));
}
