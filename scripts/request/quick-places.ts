/**
 * Places in a text the quick path has read (`quick-load.ts`), found without the `yaml` library's parse.
 * Such a text is block YAML only: no flow collection, tab, explicit key, anchor, tag, or quoted value
 * over two lines. So its structure follows from indentation alone, and a line-by-line walk finds where
 * each key and value starts, the way the full loader's `locate` reports them: a scalar at its first
 * character (a quote or a block header included), a mapping at its first key, a list at its first dash,
 * an empty value just after its `:` or `-`.
 *
 * The walk is trusted only when the tree it finds has exactly the shape of the value js-yaml read (the
 * same keys in the same order, the same list lengths); otherwise `quickPlaces` gives `undefined` and the
 * full loader places things. `test/format/quick-load.test.ts` holds every place to the full loader's.
 */
import { type Locate, type Position, pointerSegments } from './pointer.ts';

/** Where a node starts, and where its entries or items do. */
interface Spot {
  start: number;
  entries?: { name: string; key: number; value: Spot }[];
  items?: Spot[];
}

interface Lines {
  text: string;
  starts: number[];
  /** Leading spaces of each line; -1 for a line that is blank or only a comment. */
  indents: number[];
}

function linesOf(text: string): Lines {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const indents = starts.map((start, n) => {
    const end = n + 1 < starts.length ? (starts[n + 1] as number) - 1 : text.length;
    let i = start;
    while (i < end && text.charCodeAt(i) === 0x20) i++;
    return i === end || text[i] === '#' ? -1 : i - start;
  });
  return { text, starts, indents };
}

class ShapeError extends Error {}

/** Where line `n` ends (its newline, or the end of the text). */
function lineEnd(lines: Lines, n: number): number {
  return n + 1 < lines.starts.length ? (lines.starts[n + 1] as number) - 1 : lines.text.length;
}

function nextContent(lines: Lines, from: number): number {
  let n = from;
  while (n < lines.indents.length && lines.indents[n] === -1) n++;
  return n;
}

/** Whether a dash at `at` is a list item's indicator: followed by a space or the end of the line. */
function isDash(text: string, at: number): boolean {
  const next = text[at + 1];
  return text[at] === '-' && (next === undefined || next === ' ' || next === '\n');
}

/** The key that starts at `at`, if this line holds one there: its name and where its colon is. */
function keyAt(text: string, at: number, end: number): { name: string; colon: number } | undefined {
  const quote = text[at];
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, at + 1);
    if (close < 0 || close > end) return undefined;
    let colon = close + 1;
    while (text[colon] === ' ') colon++;
    if (text[colon] !== ':') return undefined;
    return { name: text.slice(at + 1, close), colon };
  }
  for (let i = at; i < end; i++) {
    const c = text[i];
    if (c === '#' && text[i - 1] === ' ') return undefined;
    if (c === ':' && (i + 1 === end || text[i + 1] === ' ')) {
      return { name: text.slice(at, i).trimEnd(), colon: i };
    }
  }
  return undefined;
}

/** The first line after `from` that is neither blank nor indented more than `indent`. */
function skipDeeper(lines: Lines, from: number, indent: number): number {
  let n = from;
  while (n < lines.indents.length) {
    const own = lines.indents[n] as number;
    if (own !== -1 && own <= indent) break;
    // A comment line at or under the indent ends a block scalar; a blank line does not.
    if (own === -1) {
      const start = lines.starts[n] as number;
      const text = lines.text.slice(start, lineEnd(lines, n));
      const hash = text.indexOf('#');
      if (hash >= 0 && hash <= indent) break;
    }
    n++;
  }
  return n;
}

/**
 * The value after a `:` or `-` at `after - 1` on line `n`, in a mapping or list whose indicators sit at
 * column `indent`: on the same line, on the lines below, or empty. Returns the value and the next line.
 */
function valueAfter(lines: Lines, after: number, n: number, indent: number, inList: boolean): [Spot, number] {
  const { text } = lines;
  const end = lineEnd(lines, n);
  let at = after;
  while (at < end && text[at] === ' ') at++;
  if (at === end || text[at] === '#') {
    const below = nextContent(lines, n + 1);
    if (below < lines.indents.length) {
      const own = lines.indents[below] as number;
      const first = (lines.starts[below] as number) + own;
      if (own > indent) return nodeAt(lines, below, first, indent);
      if (!inList && own === indent && isDash(text, first)) return list(lines, below, first);
    }
    return [{ start: at }, n + 1];
  }
  if (inList && isDash(text, at)) return list(lines, n, at);
  if (inList && text[at] !== '|' && text[at] !== '>' && keyAt(text, at, end)) return mapping(lines, n, at);
  // A scalar: one line, or a block scalar or plain text continued on the lines indented below.
  return [{ start: at }, skipDeeper(lines, n + 1, indent)];
}

/** The node whose first character is at `at` on line `n`, below an indicator at column `indent`. */
function nodeAt(lines: Lines, n: number, at: number, indent: number): [Spot, number] {
  const { text } = lines;
  if (isDash(text, at)) return list(lines, n, at);
  if (text[at] !== '|' && text[at] !== '>' && keyAt(text, at, lineEnd(lines, n)))
    return mapping(lines, n, at);
  return [{ start: at }, skipDeeper(lines, n + 1, indent)];
}

function column(lines: Lines, n: number, at: number): number {
  return at - (lines.starts[n] as number);
}

/** A block mapping whose first key starts at `at` on line `n`. */
function mapping(lines: Lines, n: number, at: number): [Spot, number] {
  const { text } = lines;
  const indent = column(lines, n, at);
  const entries: NonNullable<Spot['entries']> = [];
  let line = n;
  let keyStart = at;
  for (;;) {
    const key = keyAt(text, keyStart, lineEnd(lines, line));
    if (!key) throw new ShapeError();
    const [value, next] = valueAfter(lines, key.colon + 1, line, indent, false);
    entries.push({ name: key.name, key: keyStart, value });
    line = nextContent(lines, next);
    if (line >= lines.indents.length || lines.indents[line] !== indent) break;
    keyStart = (lines.starts[line] as number) + indent;
    if (isDash(text, keyStart)) break;
  }
  return [{ start: at, entries }, line];
}

/** A block list whose first dash is at `at` on line `n`. */
function list(lines: Lines, n: number, at: number): [Spot, number] {
  const { text } = lines;
  const indent = column(lines, n, at);
  const items: Spot[] = [];
  let line = n;
  let dash = at;
  for (;;) {
    const [item, next] = valueAfter(lines, dash + 1, line, indent, true);
    items.push(item);
    line = nextContent(lines, next);
    if (line >= lines.indents.length || lines.indents[line] !== indent) break;
    dash = (lines.starts[line] as number) + indent;
    if (!isDash(text, dash)) break;
  }
  return [{ start: at, items }, line];
}

/** Whether the spot tree has exactly the shape of the value: the same keys in order, the same lengths. */
function sameShape(spot: Spot, value: unknown): boolean {
  if (Array.isArray(value)) {
    return (
      spot.items !== undefined &&
      spot.items.length === value.length &&
      value.every((v, i) => sameShape(spot.items?.[i] as Spot, v))
    );
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const entries = spot.entries;
    return (
      entries !== undefined &&
      entries.length === keys.length &&
      entries.every(
        (e, i) => e.name === keys[i] && sameShape(e.value, (value as Record<string, unknown>)[e.name]),
      )
    );
  }
  return spot.items === undefined && spot.entries === undefined;
}

/**
 * `locate` for a text the quick path read as `request`, or undefined when the walk does not find the
 * request's own shape (the full loader then places things).
 */
export function quickPlaces(text: string, request: Record<string, unknown>): Locate | undefined {
  const lines = linesOf(text);
  const first = nextContent(lines, 0);
  if (first >= lines.indents.length) return undefined;
  let root: Spot;
  let after: number;
  try {
    [root, after] = mapping(lines, first, (lines.starts[first] as number) + (lines.indents[first] as number));
  } catch (error) {
    if (error instanceof ShapeError) return undefined;
    throw error;
  }
  if (nextContent(lines, after) < lines.indents.length || !sameShape(root, request)) return undefined;

  const at = (offset: number): Position => {
    // The last line that starts at or before the offset.
    let low = 0;
    let high = lines.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lines.starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (lines.starts[low] as number) + 1 };
  };
  return (pointer, options = {}) => {
    let spot = root;
    let position = at(root.start);
    let keyPosition: Position | undefined;
    for (const segment of pointerSegments(pointer)) {
      if (spot.entries) {
        const entry = spot.entries.find((e) => e.name === segment);
        if (!entry) return position;
        keyPosition = at(entry.key);
        spot = entry.value;
      } else if (spot.items) {
        if (!/^\d+$/.test(segment)) return position;
        const item = spot.items[Number(segment)];
        if (item === undefined) return position;
        keyPosition = undefined;
        spot = item;
      } else {
        return position;
      }
      position = at(spot.start);
    }
    return options.key && keyPosition ? keyPosition : position;
  };
}
