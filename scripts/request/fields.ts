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

/** The catalog codes of the services a request names (`services[].service`), each once, in its order. */
export function servicesOf(request: unknown): string[] {
  const services = fieldOf(request, 'services');
  if (!Array.isArray(services)) return [];
  const codes = services.map((s) => fieldOf(s, 'service')).filter((c): c is string => typeof c === 'string');
  return [...new Set(codes)];
}
