/**
 * Reading a few fields of a request that may not have passed the schema (a past merge, a file on another
 * branch): each read is guarded, so a value of the wrong shape is absent rather than trusted.
 */

/** The value under `key` when `value` is a mapping; undefined otherwise. */
export function fieldOf(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** The id a request names in `renews`, or null. */
export function renewsOf(request: unknown): string | null {
  const id = fieldOf(request, 'renews');
  return typeof id === 'string' ? id : null;
}

/** The agency code a request names, or empty. */
export function agencyOf(request: unknown): string {
  const code = fieldOf(fieldOf(request, 'agency'), 'code');
  return typeof code === 'string' ? code : '';
}
