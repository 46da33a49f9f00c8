/** JSON Pointers into a request (RFC 6901) and the places in its file they lead to. */

/** A place in a file: line and column, both counted from 1. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Where a JSON Pointer into a request sits in its file. `key: true` asks for the mapping key rather than
 * its value. A pointer to something absent gives the nearest enclosing node that exists.
 */
export type Locate = (pointer: string, options?: { key?: boolean }) => Position;

/** Every pointer into a value, the value's own (`''`) first, in the order the value holds them. */
export function pointersOf(value: unknown, segments: (string | number)[] = []): string[] {
  const pointers = [pointerFrom(segments)];
  const children: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : value !== null && typeof value === 'object'
      ? Object.entries(value)
      : [];
  for (const [segment, child] of children) pointers.push(...pointersOf(child, [...segments, segment]));
  return pointers;
}

/** The segments of a JSON Pointer, with `~1` and `~0` decoded (in that order, per RFC 6901). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A JSON Pointer from its segments, escaping `~` and `/` (RFC 6901). */
export function pointerFrom(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
