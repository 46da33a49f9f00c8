/**
 * The request as the user wrote it from what the form hands back. react-jsonschema-form fills every
 * section it shows with an empty mapping as soon as anything changes; those are not the user's, and a
 * request that says `grounds: {cost_ipr: {}}` is not one that leaves the ground out. They are dropped,
 * unless the request already had them (an imported file keeps exactly what it says).
 */

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A mapping with nothing in it but more such mappings. */
function isEmptyShell(value: unknown): boolean {
  return isMapping(value) && Object.values(value).every((v) => v === undefined || isEmptyShell(v));
}

/** `next` without the empty mappings the form added where `before` had nothing. */
export function withoutFillers(next: unknown, before: unknown): unknown {
  if (!isMapping(next)) return next;
  const previous = isMapping(before) ? before : {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue;
    const had = previous[key];
    if (had === undefined && isEmptyShell(value)) continue;
    out[key] = Array.isArray(value)
      ? value.map((item, i) => withoutFillers(item, (had as unknown[] | undefined)?.[i]))
      : withoutFillers(value, had);
  }
  return out;
}
