/** Calendar arithmetic on YYYY-MM-DD dates, in UTC so that no local time zone shifts a day. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The UTC day of an ISO 8601 timestamp, or null when it is not a date JavaScript can represent. */
export function utcDay(timestamp: string): string | null {
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

/** The day a commit counts as on the branch, and what is wrong with the date it claims, if anything. */
export interface BranchDay {
  day: string;
  anomaly: string | null;
}

/** Of the positions `among` (ascending), those of a longest run whose `values` never decrease. */
function longestNonDecreasing(values: readonly (number | null)[], among: readonly number[]): number[] {
  const tails: number[] = [];
  const previous = new Map<number, number>();
  for (const i of among) {
    const value = values[i];
    if (value === null || value === undefined) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[tails[mid] ?? 0] ?? 0) <= value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous.set(i, tails[lo - 1] ?? -1);
    tails[lo] = i;
  }
  const kept: number[] = [];
  for (let i = tails.at(-1); i !== undefined && i >= 0; i = previous.get(i)) kept.push(i);
  return kept.reverse();
}

/**
 * The dates to believe: first a longest agreeing run of the anchors' dates (commits GitHub signed, whose
 * dates GitHub wrote), then, between each two believed anchors, a longest agreeing run of the other dates
 * that stays within those two. No number of pushed commits with made-up dates outweighs GitHub's.
 */
function believed(times: readonly (number | null)[], anchors: readonly boolean[]): Set<number> {
  const all = times.map((_, i) => i);
  const kept = longestNonDecreasing(
    times,
    all.filter((i) => anchors[i]),
  );
  const result = new Set(kept);
  const bounds = [-1, ...kept, times.length];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k] ?? -1;
    const to = bounds[k + 1] ?? times.length;
    const low = from >= 0 ? (times[from] ?? Number.NEGATIVE_INFINITY) : Number.NEGATIVE_INFINITY;
    const high = to < times.length ? (times[to] ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
    const inside = all
      .slice(from + 1, to)
      .filter((i) => !anchors[i] && times[i] !== null && (times[i] ?? 0) >= low && (times[i] ?? 0) <= high);
    for (const i of longestNonDecreasing(times, inside)) result.add(i);
  }
  return result;
}

/**
 * The days of a branch's first-parent chain, oldest first. A commit date is whatever the committer typed,
 * so the order of the chain decides, not the dates: the dates that agree with it (a longest run that never
 * goes back in time, GitHub's signed dates first; see `believed`) are kept, and every other date is an
 * anomaly. A commit with an anomalous or
 * unreadable date counts as on the branch on the day of the next commit whose date agrees (it was there
 * by then), or of the last one before it when none follows. The days never decrease along the chain.
 */
export function branchDays(timestamps: readonly string[], anchors: readonly boolean[] = []): BranchDay[] {
  const times = timestamps.map((t) => {
    const time = Date.parse(t);
    return Number.isNaN(time) ? null : time;
  });
  const kept = believed(times, anchors);
  const dayOf = (i: number) => new Date(times[i] ?? 0).toISOString().slice(0, 10);
  const next: (number | null)[] = new Array(times.length).fill(null);
  for (let i = times.length - 1, seen: number | null = null; i >= 0; i--) {
    next[i] = seen;
    if (kept.has(i)) seen = i;
  }
  let before: number | null = null;
  return timestamps.map((timestamp, i) => {
    if (kept.has(i)) {
      before = i;
      return { day: dayOf(i), anomaly: null };
    }
    const after = next[i] ?? null;
    const bound = after ?? before;
    const day = bound === null ? '1970-01-01' : dayOf(bound);
    const time = times[i] ?? null;
    const shown = JSON.stringify(timestamp);
    let anomaly: string;
    if (time === null) anomaly = `the commit date ${shown} cannot be read as a date`;
    else if (after !== null && time > (times[after] ?? 0))
      anomaly = `the commit date ${shown} is after the commit that follows it on the branch (${timestamps[after]})`;
    else
      anomaly = `the commit date ${shown} is before its parent's on the branch (${before === null ? 'none' : timestamps[before]})`;
    return { day, anomaly };
  });
}

/** `date` plus `months` calendar months; a day past the end of the target month becomes its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(
    (new Date(`${to}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()) / 86_400_000,
  );
}
