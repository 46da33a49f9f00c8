/**
 * Dates that run out: the last day of each exemption's term on the branch (as the decision of its merge
 * stated it) and the end of each local agency's ATO term (from the reference data the policy uses),
 * listed when they fall within a window after the audit date, each with the notice of the reference
 * data's schedule (expiry_notice_days) it falls under.
 */
import { type CoveredTerm, termWords } from '../policy/decision.ts';
import { addDays, addMonths, daysBetween, isIsoDate } from './dates.ts';

export interface ExpiryItem {
  kind: 'exemption-end' | 'ato-term-end';
  /** The exemption's last covered day, or the day the ATO term ends. */
  date: string;
  days_left: number;
  /** The notice of the schedule this falls under: the shortest step not below the days left. */
  notice_days: number | null;
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

/** The term of a register row: where it comes from, besides what the policy stated. */
export interface RowTerm extends CoveredTerm {
  /** decision: the merge-day decision stated it; contract: an older policy did not, so start plus length. */
  source: 'decision' | 'contract';
}

/**
 * The term a row shows: the decision's when the policy of the day stated one (null when it stated none),
 * else, for a ready-for-decision request judged by an older policy, the contract's start plus its length.
 */
export function rowTerm(evaluated: {
  outcome: string | null;
  request: unknown;
  term?: CoveredTerm | null;
}): RowTerm | null {
  if (evaluated.term !== undefined) return evaluated.term ? { ...evaluated.term, source: 'decision' } : null;
  if (evaluated.outcome !== 'ready-for-decision') return null;
  const end = contractEnd(evaluated.request);
  const contract = record(record(evaluated.request)?.contract);
  if (end === null || !contract) return null;
  return {
    from: String(contract.start_date),
    months: Number(contract.length_months),
    extension_months: 0,
    through: addDays(end, -1),
    source: 'contract',
  };
}

/** The schedule of expiry notices in the reference data, longest first; null when it has none. */
export function noticeSchedule(reference: unknown): number[] | null {
  const steps = record(record(reference)?.thresholds)?.expiry_notice_days;
  if (!Array.isArray(steps)) return null;
  const days = steps.filter((d): d is number => typeof d === 'number' && Number.isInteger(d) && d > 0);
  return days.length > 0 ? [...new Set(days)].sort((a, b) => b - a) : null;
}

/** The notice a date this many days away falls under: the shortest step not below it. */
export function noticeFor(daysLeft: number, schedule: readonly number[] | null): number | null {
  const steps = (schedule ?? []).filter((d) => d >= daysLeft);
  return steps.length > 0 ? Math.min(...steps) : null;
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

/** An exemption on the branch with its term, as the register holds it. */
export interface TermOnBranch {
  file: string;
  request: string;
  agency: string;
  term: RowTerm;
}

/** Exemption and ATO-term ends from `asOf` to `asOf + withinDays` (both included), soonest first. */
export function expiringItems(
  exemptions: readonly TermOnBranch[],
  reference: unknown,
  asOf: string,
  withinDays: number,
): ExpiryItem[] {
  const last = addDays(asOf, withinDays);
  const inWindow = (date: string): boolean => asOf <= date && date <= last;
  const schedule = noticeSchedule(reference);
  const items: ExpiryItem[] = [];
  for (const { file, request, agency, term } of exemptions) {
    if (!inWindow(term.through)) continue;
    const daysLeft = daysBetween(asOf, term.through);
    items.push({
      kind: 'exemption-end',
      date: term.through,
      days_left: daysLeft,
      notice_days: noticeFor(daysLeft, schedule),
      agency,
      request,
      file,
      detail: `term ${termWords(term)}${term.source === 'contract' ? ', from the contract start and length' : ''}`,
    });
  }
  for (const term of atoTerms(reference)) {
    if (!inWindow(term.end)) continue;
    const daysLeft = daysBetween(asOf, term.end);
    items.push({
      kind: 'ato-term-end',
      date: term.end,
      days_left: daysLeft,
      notice_days: noticeFor(daysLeft, schedule),
      agency: term.agency,
      request: null,
      file: null,
      detail: `ATO term for ${term.services.join(', ') || 'its services'} (from ${term.start})`,
    });
  }
  return items.sort((a, b) => a.date.localeCompare(b.date) || a.agency.localeCompare(b.agency));
}
