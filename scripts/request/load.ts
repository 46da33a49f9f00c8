/**
 * Reads a request file safely. Request files come from pull requests, so they are hostile until proven
 * otherwise: the bytes are checked (size, NUL, UTF-8) before any parsing, the YAML token stream is
 * checked (one document, no directives, anchors, aliases or tags, bounded nesting) before it is composed
 * into a document, and the document is checked (mapping root, unique plain keys, no merge keys, no
 * prototype keys, no plain keys that YAML 1.1 readers take for a boolean, number or null) before it
 * becomes a JavaScript value. The line counter maps any JSON Pointer into the
 * request back to a line and column of the file.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import {
  Composer,
  type CST,
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  Parser,
  Scalar,
  type YAMLError,
} from 'yaml';
import { MAX_DEPTH, MAX_FILE_BYTES, MAX_LOAD_ERRORS } from '../core/limits.ts';
import { type Locate, type Position, pointerFrom, pointerSegments, pointersOf } from './pointer.ts';
import { CROSS_CHECK, quickLoad, sameReading } from './quick-load.ts';
import { quickPlaces } from './quick-places.ts';
import type { LocatedError } from './types.ts';
import { yaml11Boolean, yaml11Reading } from './yaml11.ts';

/**
 * Before the YAML parser runs, a cheap scan rejects text whose nesting is far beyond MAX_DEPTH, because
 * the parser itself recurses on long runs of block indicators and slows down on deep flow brackets. The
 * scan over-counts (it ignores quoting), hence the wide margin; the exact check at MAX_DEPTH comes after.
 */
const PRESCAN_LIMIT = 100;
/** Keys that could reach an object's prototype when the request is turned into a JavaScript value. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export { type Position, pointerFrom, pointerSegments };

export interface LoadedRequest {
  file: string;
  /** The parsed request, or undefined when the file could not be loaded safely. */
  request: unknown;
  errors: LocatedError[];
  /** Where a JSON Pointer into the request sits in the file (`Locate`). */
  locate: Locate;
}

const START: Position = { line: 1, column: 1 };

function failed(file: string, errors: LocatedError[], locate?: LoadedRequest['locate']): LoadedRequest {
  const listed = errors.slice(0, MAX_LOAD_ERRORS);
  if (errors.length > MAX_LOAD_ERRORS) {
    const last = listed[listed.length - 1] ?? { file, ...START, path: '' };
    listed.push({
      ...last,
      path: '',
      message: `${errors.length - MAX_LOAD_ERRORS} more problems of the same kinds are not listed`,
    });
  }
  return { file, request: undefined, errors: listed, locate: locate ?? (() => START) };
}

function bytesError(file: string, message: string, position: Position = START): LoadedRequest {
  return failed(file, [{ file, ...position, path: '', message }]);
}

/** Line and column of a byte offset, counting columns in characters of the (valid) text before it. */
function bytePosition(bytes: Uint8Array, offset: number): Position {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(lineStart, offset));
  return { line, column: prefix.length + 1 };
}

/** The offset of the first byte that breaks UTF-8 (RFC 3629), or -1 when the bytes are valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Loads a request from the bytes of its file: size, NUL and UTF-8 are checked before any parsing. */
export function loadRequestBytes(file: string, bytes: Uint8Array): LoadedRequest {
  if (bytes.length > MAX_FILE_BYTES) return bytesError(file, tooLarge(bytes.length));
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return bytesError(file, 'the file is saved as UTF-16; save it as UTF-8 text');
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return bytesError(
      file,
      'the file contains a NUL byte, so it is not a text file; a request is plain UTF-8 text',
      bytePosition(bytes, nul),
    );
  }
  const invalid = firstInvalidUtf8(bytes);
  if (invalid >= 0) {
    return bytesError(
      file,
      'the file is not valid UTF-8 text here (was it saved in another encoding?); save it as UTF-8',
      bytePosition(bytes, invalid),
    );
  }
  // The decoder drops a leading byte-order mark, which editors on Windows add.
  return loadRequestText(file, new TextDecoder('utf-8').decode(bytes));
}

/** What the user is told about a request file over the size limit, wherever it is found too large. */
export function tooLarge(size: number): string {
  return `the file is ${size.toLocaleString('en-US')} bytes; a request file may be at most ${MAX_FILE_BYTES.toLocaleString('en-US')} bytes (${MAX_FILE_BYTES / 1_048_576} MiB), so put long material in supporting documents`;
}

/** Loads a request file: a regular file (not a link, folder or device) of at most MAX_FILE_BYTES. */
export function loadRequestFile(file: string): LoadedRequest {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(file);
  } catch (error) {
    return bytesError(file, `cannot read the file: ${describeFsError(error)}`);
  }
  if (stat.isSymbolicLink()) {
    return bytesError(file, 'the request is a symbolic link; a request must be a regular file');
  }
  if (!stat.isFile()) return bytesError(file, 'this is not a regular file, so it cannot be a request');
  if (stat.size > MAX_FILE_BYTES) return bytesError(file, tooLarge(stat.size));
  let fd: number;
  try {
    // O_NOFOLLOW: the file cannot be swapped for a link between the check above and the read.
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return bytesError(file, `cannot read the file: ${describeFsError(error)}`);
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) return bytesError(file, 'this is not a regular file, so it cannot be a request');
    // Read one byte past the cap so a file that grew since the check is still caught.
    const buffer = Buffer.alloc(Math.min(opened.size, MAX_FILE_BYTES) + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > MAX_FILE_BYTES) return bytesError(file, tooLarge(length));
    return loadRequestBytes(file, buffer.subarray(0, length));
  } finally {
    closeSync(fd);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'it is a symbolic link';
  if (code === 'EISDIR') return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
}

interface Problem {
  offset: number;
  message: string;
}

/**
 * The cheap scan before parsing: bracket depth (ignoring quotes, so it over-counts) and runs of
 * indicators such as `- - - -` or `&a &b &c` on one line, which the YAML lexer handles by recursion.
 */
function prescan(text: string): Problem | undefined {
  let depth = 0;
  let run = 0;
  let runStart = 0;
  let runKinds = '';
  let wordStart = -1;
  const endWord = (end: number) => {
    if (wordStart < 0) return;
    const word = text.slice(wordStart, Math.min(end, wordStart + 2));
    const first = word[0] ?? '';
    const indicator = (word.length === 1 && '-?:'.includes(first)) || first === '&' || first === '!';
    if (indicator) {
      if (run === 0) runStart = wordStart;
      run++;
      if (!runKinds.includes(first)) runKinds += first;
    } else {
      run = 0;
      runKinds = '';
    }
    wordStart = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > PRESCAN_LIMIT) return { offset: i, message: tooDeep() };
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      endWord(i);
      if (c === 0x0a) {
        run = 0;
        runKinds = '';
      }
    } else if (wordStart < 0) wordStart = i;
    if (run > PRESCAN_LIMIT) {
      const message = runKinds.includes('&')
        ? ANCHOR_MESSAGE
        : runKinds.includes('!')
          ? TAG_MESSAGE
          : tooDeep();
      return { offset: runStart, message };
    }
  }
  return undefined;
}

function tooDeep(): string {
  return `the file nests lists and mappings more than ${MAX_DEPTH} levels deep; a request needs at most 4`;
}

const ANCHOR_MESSAGE =
  'anchors (&name) are not allowed in a request; write every value out in full where it is used';
const ALIAS_MESSAGE =
  'aliases (*name) are not allowed in a request; write every value out in full where it is used';
const TAG_MESSAGE =
  'tags such as !!binary, !!timestamp or !custom are not allowed in a request; write plain values (put dates and codes in quotes if needed)';
const DIRECTIVE_MESSAGE =
  'directives such as %YAML or %TAG are not allowed in a request; start the file directly with its fields';

/** Checks the parser's token stream: documents, directives, anchors, aliases, tags and nesting depth. */
function checkTokens(tokens: CST.Token[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, Problem & { count: number }>();
  const note = (kind: string, offset: number, message: string) => {
    const first = seen.get(kind);
    if (!first) seen.set(kind, { offset, message, count: 1 });
    else {
      first.count++;
      first.offset = Math.min(first.offset, offset);
    }
  };
  const documents = tokens.filter((t) => t.type === 'document');
  if (documents[1]) {
    problems.push({
      offset: documents[1].offset,
      message: 'the file holds more than one YAML document (a second --- line); put one request in each file',
    });
  }
  let deepest: number | undefined;
  // An explicit stack rather than recursion: the token tree is as deep as the file is nested.
  const stack: [CST.Token | null | undefined, number][] = tokens.map((t) => [t, 0]);
  const pushAll = (list: readonly (CST.Token | null | undefined)[] | undefined, depth: number) => {
    if (list) for (const t of list) stack.push([t, depth]);
  };
  while (stack.length > 0) {
    const [token, parentDepth] = stack.pop() as [CST.Token | null | undefined, number];
    if (!token) continue;
    let depth = parentDepth;
    switch (token.type) {
      case 'document':
        pushAll(token.start, depth);
        stack.push([token.value, depth]);
        pushAll(token.end, depth);
        break;
      case 'directive':
      case 'directive-line':
        note('directive', token.offset, DIRECTIVE_MESSAGE);
        break;
      case 'anchor':
        note('anchor', token.offset, ANCHOR_MESSAGE);
        break;
      case 'alias':
        note('alias', token.offset, ALIAS_MESSAGE);
        break;
      case 'tag':
        note('tag', token.offset, TAG_MESSAGE);
        break;
      case 'block-scalar':
        pushAll(token.props, depth);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        depth++;
        if (depth > MAX_DEPTH && (deepest === undefined || token.offset < deepest)) deepest = token.offset;
        if (depth > MAX_DEPTH) break;
        if (token.type === 'flow-collection') {
          stack.push([token.start, depth]);
          pushAll(token.end, depth);
        }
        for (const item of token.items) {
          pushAll(item.start, depth);
          stack.push([item.key, depth]);
          pushAll(item.sep, depth);
          stack.push([item.value, depth]);
        }
        break;
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        pushAll(token.end, depth);
        break;
      case 'doc-end':
        pushAll(token.end, depth);
        break;
      default:
        break;
    }
  }
  if (deepest !== undefined) problems.push({ offset: deepest, message: tooDeep() });
  for (const { offset, message, count } of seen.values()) {
    problems.push({ offset, message: count > 1 ? `${message} (${count} found in this file)` : message });
  }
  return problems;
}

/** Plain words for the YAML library's error codes; the library's own text is kept as the detail. */
function yamlErrorMessage(error: YAMLError): string {
  const detail = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return 'a tab is used to indent here; indent with spaces only';
    case 'BAD_INDENT':
      return `the indentation is wrong here; keep the fields of one mapping lined up with spaces (${detail})`;
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_AS_IMPLICIT_KEY':
      return `a field name runs over more than one line or a value is missing its "name:"; check the colons (${detail})`;
    case 'MISSING_CHAR':
      return `a closing quote or bracket is missing here (${detail})`;
    case 'BAD_DQ_ESCAPE':
      return `a backslash escape in double quotes is not valid here; use single quotes for text with backslashes (${detail})`;
    case 'KEY_OVER_1024_CHARS':
      return 'a field name is longer than 1,024 characters';
    default:
      return `the YAML cannot be read here: ${detail}`;
  }
}

export function loadRequestText(file: string, text: string): LoadedRequest {
  if (text.trim() === '') {
    return bytesError(file, 'the file is empty; a request is a YAML mapping that starts with "format: 2"');
  }
  const early = prescan(text);
  if (early) {
    // No parser has run to count lines; count them by hand for this early exit.
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < early.offset; i++) {
      if (text.charCodeAt(i) === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    return failed(file, [
      { file, line, column: early.offset - lineStart + 1, path: '', message: early.message },
    ]);
  }

  const quick = quickLoad(text);
  if (quick === undefined) return fullLoad(file, text);
  if (CROSS_CHECK) crossCheck(file, text, quick);
  // Places are needed only for an error or a deficiency; they are found once, when first asked for.
  let places: Locate | undefined;
  const locate: Locate = (pointer, options) => {
    places ??= quickPlaces(text, quick) ?? fullLoad(file, text).locate;
    return places(pointer, options);
  };
  return { file, request: quick, errors: [], locate };
}

/** For the test suite: the quick reading and its places must be the full loader's, exactly. */
function crossCheck(file: string, text: string, quick: Record<string, unknown>): void {
  const difference = quickDifference(file, text, quick);
  if (difference)
    throw new Error(`${file}: the quick YAML path found ${difference} different from the full loader's`);
}

/**
 * What the quick path reads differently from the full loader, if anything: the request itself, or the
 * place of any value or key in it (and of a pointer to something absent). Exported for the tests.
 */
export function quickDifference(
  file: string,
  text: string,
  quick: Record<string, unknown>,
): string | undefined {
  const full = fullLoad(file, text);
  if (full.errors.length > 0 || !sameReading(quick, full.request)) return 'the request';
  const places = quickPlaces(text, quick);
  if (!places) return undefined;
  const pointers = pointersOf(quick);
  for (const pointer of [...pointers, '/absent', `${pointers.at(-1) ?? ''}/absent`]) {
    for (const key of [false, true]) {
      const a = places(pointer, { key });
      const b = full.locate(pointer, { key });
      if (a.line !== b.line || a.column !== b.column) return `the place of ${pointer}${key ? ' (key)' : ''}`;
    }
  }
  return undefined;
}

/**
 * The full loader: the `yaml` library's tokens and document, every check, and every place. Exported for
 * the test that holds the quick path to it; callers use `loadRequestText`.
 */
export function fullLoad(file: string, text: string): LoadedRequest {
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const located = (offset: number, message: string, path = ''): LocatedError => ({
    file,
    ...at(offset),
    path,
    message,
  });
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const tokenProblems = checkTokens(tokens);
  if (tokenProblems.length > 0) {
    const errors = tokenProblems.map((p) => located(p.offset, p.message));
    return failed(file, sortErrors(errors));
  }

  const composer = new Composer({ schema: 'core', uniqueKeys: false, prettyErrors: false, strict: true });
  const documents = Array.from(composer.compose(tokens, true, text.length));
  const doc = documents[0] as Document.Parsed | undefined;
  if (!doc) return bytesError(file, 'the file holds no request; a request is a YAML mapping');

  const locate = makeLocate(doc, at);
  const errors: LocatedError[] = doc.errors.map((e) => located(e.pos[0], yamlErrorMessage(e)));
  if (errors.length > 0) return failed(file, sortErrors(errors), locate);

  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    return failed(file, [located(0, 'the file holds no request (only comments or blank lines)')], locate);
  }
  if (!isMap(root)) {
    const offset = root.range?.[0] ?? 0;
    return failed(
      file,
      [
        located(
          offset,
          'the top level of a request must be a mapping of fields ("format: 2", "id: ...", "program: ..."), not a list or a single value',
        ),
      ],
      locate,
    );
  }

  const keyErrors = checkKeys(root, located);
  if (keyErrors.length > 0) return failed(file, sortErrors(keyErrors), locate);
  return { file, request: doc.toJS({ maxAliasCount: 0 }), errors: [], locate };
}

/** Where a node sits, as a chain to its parent: the JSON Pointer is spelled out only for an error. */
interface Place {
  segment: string | number;
  parent: Place | undefined;
}

function placePointer(place: Place | undefined): string {
  const segments: (string | number)[] = [];
  for (let at = place; at; at = at.parent) segments.push(at.segment);
  return pointerFrom(segments.reverse());
}

/**
 * A plain key that the YAML 1.1 readers agencies and auditors run beside us (PyYAML, conftest) take for a
 * boolean, number or null rather than the name we read: the key as written and what to tell the author.
 * Format 1 named the submission date `submitted.on`; format 2 calls it `submitted.date`, so that key is
 * pointed to its new name.
 */
function yaml11Key(key: Scalar, parent: Place | undefined): { written: string; message: string } | undefined {
  if (key.type !== Scalar.PLAIN || key.source === undefined || key.source === '') return undefined;
  const written = key.source;
  const reading = yaml11Reading(written);
  if (reading === null) return undefined;
  const meaning =
    reading === 'boolean'
      ? `the boolean ${yaml11Boolean(written)}`
      : reading === 'number'
        ? 'a number'
        : 'null, not as a name,';
  const submittedOn = written === 'on' && parent?.segment === 'submitted' && parent.parent === undefined;
  const instead = submittedOn
    ? 'the submission date is submitted.date in format 2 (a format 1 request also needs format: 2 and contract.purchase_date)'
    : 'rename the field (no field of a request has this name)';
  return {
    written,
    message: `the field name "${written}" is read as ${meaning} by YAML 1.1 readers such as PyYAML and conftest; ${instead}`,
  };
}

/**
 * Keys must be plain, unique within their mapping, not merge keys, not prototype names, and not read as
 * a boolean, number or null by YAML 1.1 readers. Every problem is collected, so one does not hide another.
 */
function checkKeys(
  root: Node,
  located: (offset: number, message: string, path?: string) => LocatedError,
): LocatedError[] {
  const errors: LocatedError[] = [];
  const stack: [unknown, Place | undefined][] = [[root, undefined]];
  while (stack.length > 0) {
    const [node, place] = stack.pop() as [unknown, Place | undefined];
    if (isSeq(node)) {
      node.items.forEach((item, i) => {
        stack.push([item, { segment: i, parent: place }]);
      });
      continue;
    }
    if (!isMap(node)) continue;
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key;
      const offset = (key as Node | null)?.range?.[0] ?? node.range?.[0] ?? 0;
      // Before the test for a missing name: `~` and `null` are keys that mean null, not absent ones.
      const yaml11 = isScalar(key) ? yaml11Key(key, place) : undefined;
      if (yaml11 && isScalar(key)) {
        // The pointer names the key as written: our own reader turns `0x1F` into 31.
        const keyPlace: Place = { segment: yaml11.written, parent: place };
        errors.push(located(offset, yaml11.message, placePointer(keyPlace)));
        if (key.value !== null) seen.add(String(key.value));
        stack.push([pair.value, keyPlace]);
        continue;
      }
      if (!isScalar(key) || key.value === null || typeof key.value === 'object') {
        errors.push(
          located(
            offset,
            'a field name is missing or is not plain text here; write each field as "name: value"',
            placePointer(place),
          ),
        );
        continue;
      }
      const name = String(key.value);
      const keyPlace: Place = { segment: name, parent: place };
      const problem =
        name === '<<'
          ? 'merge keys (<<) are not allowed in a request; write every field out in full'
          : PROTOTYPE_KEYS.has(name)
            ? `"${name}" is not allowed as a field name (it is reserved in JavaScript)`
            : seen.has(name)
              ? `the field "${name}" appears twice in the same mapping; give each field once`
              : undefined;
      if (problem) errors.push(located(offset, problem, placePointer(keyPlace)));
      seen.add(name);
      stack.push([pair.value, keyPlace]);
    }
  }
  return errors;
}

/** Errors in file order, then by message, so output is stable from run to run. */
export function sortErrors<T extends Position & { message: string; path?: string }>(errors: T[]): T[] {
  return [...errors].sort(
    (a, b) =>
      a.line - b.line ||
      a.column - b.column ||
      (a.path ?? '').localeCompare(b.path ?? '') ||
      a.message.localeCompare(b.message),
  );
}

function makeLocate(doc: Document.Parsed, at: (offset: number) => Position): LoadedRequest['locate'] {
  return (pointer, options = {}) => {
    let node: unknown = doc.contents;
    const rootRange = (node as Node | null)?.range;
    let position = rootRange ? at(rootRange[0]) : START;
    let keyPosition: Position | undefined;
    for (const segment of pointerSegments(pointer)) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
        if (!pair) return position;
        keyPosition = isScalar(pair.key) && pair.key.range ? at(pair.key.range[0]) : position;
        node = pair.value;
      } else if (isSeq(node)) {
        if (!/^\d+$/.test(segment)) return position;
        const item = node.items[Number(segment)];
        if (item === undefined) return position;
        keyPosition = undefined;
        node = item;
      } else {
        return position;
      }
      const range = (node as Node | null)?.range;
      position = range ? at(range[0]) : (keyPosition ?? position);
    }
    return options.key && keyPosition ? keyPosition : position;
  };
}
