/**
 * The quick path through YAML, for a request written the ordinary way. The full loader (`load.ts`) builds
 * the `yaml` library's token stream and document, which a located error needs and which costs most of a
 * file's time; js-yaml reads the same ordinary text to the same value about ten times faster, but keeps no
 * places and accepts things the full loader refuses. So the quick path answers only when it can be sure the
 * full loader would accept the text without a single error and read the same value; otherwise it says
 * nothing and the full loader decides, with its own located errors. Being sure is three rules:
 *
 * 1. The text has none of the constructs a refusal or a reading difference is about: no tab, carriage
 *    return, control or separator character, no anchor, alias, tag, flow collection, directive, reserved
 *    indicator, explicit key or document marker where a node could start. A prose `AT&T` or `Q&A` is fine;
 *    ` & ` or ` [1]` send the file to the full loader, which is only slower.
 * 2. js-yaml reads it as one document with a mapping at the top, with no duplicate key, resolving plain
 *    scalars with the `yaml` library's own YAML 1.2 core patterns (null, bool, int, float), in its order.
 * 3. Every key is an ordinary field name (lower case, digits, underscores) that no YAML 1.1 reader takes for
 *    a boolean, number or null and that is not a prototype name, and nesting stays under MAX_DEPTH.
 *
 * `test/format/quick-load.test.ts` holds the two paths equal on every fixture, every example and
 * thousands of variants; with `EXEMPTIONS_CROSS_CHECK_YAML=1` (set for the whole test suite) every load
 * runs both and fails on any difference.
 */
import { load, Schema, Type } from 'js-yaml';
import { MAX_DEPTH } from '../core/limits.ts';
import { yaml11Reading } from './yaml11.ts';

/** A plain scalar type that resolves exactly as the `yaml` library's core schema type of the same name. */
function coreType(name: string, pattern: RegExp, construct: (text: string) => unknown): Type {
  // The tag is never written by a request: rule 1 sends every explicit tag to the full loader.
  return new Type(`tag:exemptions.invalid,2026:${name}`, {
    kind: 'scalar',
    resolve: (text: unknown) => typeof text === 'string' && pattern.test(text),
    construct,
  });
}

/**
 * The `yaml` library's core schema (`yaml/dist/schema/core`), pattern for pattern and in its order, so a
 * plain scalar resolves to the same value: `0o17` is 15, `1_000` and `0b1` stay text, `.5` is a number.
 */
const QUICK_SCHEMA = new Schema({
  implicit: [
    coreType('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
    coreType('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (text) => text[0] === 't' || text[0] === 'T'),
    coreType('int-oct', /^0o[0-7]+$/, (text) => Number.parseInt(text.substring(2), 8)),
    coreType('int', /^[-+]?[0-9]+$/, (text) => Number.parseInt(text, 10)),
    coreType('int-hex', /^0x[0-9a-fA-F]+$/, (text) => Number.parseInt(text.substring(2), 16)),
    coreType('float-nan', /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (text) =>
      text.slice(-3).toLowerCase() === 'nan'
        ? Number.NaN
        : text[0] === '-'
          ? Number.NEGATIVE_INFINITY
          : Number.POSITIVE_INFINITY,
    ),
    coreType('float-exp', /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, Number.parseFloat),
    coreType('float', /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, Number.parseFloat),
  ],
});

/**
 * Rule 1. Characters the full loader refuses or reads with care, and, where a node could start (the start
 * of a line, after white space or a flow indicator), the indicators of anchors, aliases, tags, flow
 * collections, directives and reserved characters, explicit keys, and document markers.
 */
const UNORDINARY = new RegExp(
  [
    '[\\t\\r\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ufeff]',
    '(?:^|[\\s[{,:])[!&*[{%@`]',
    '(?:^|\\s)\\?(?:\\s|$)',
    '^(?:---|\\.\\.\\.)',
  ].join('|'),
  'm',
);

/**
 * Rule 1, for quoted text: a quote where a node could start must close on its own line. A quoted value
 * continued on the next line must be indented there, which js-yaml does not insist on and the full
 * loader does.
 */
function quotesCloseOnTheirLine(text: string): boolean {
  const opening = /(?:^|\s)(["'])/gm;
  for (let match = opening.exec(text); match !== null; match = opening.exec(text)) {
    const quote = match[1] as string;
    let i = match.index + match[0].length;
    for (;;) {
      const c = text[i];
      if (c === undefined || c === '\n') return false;
      if (quote === '"' && c === '\\') {
        // An escaped line break continues the text on the next line.
        if (text[i + 1] === '\n' || text[i + 1] === undefined) return false;
        i += 2;
      } else if (c === quote && quote === "'" && text[i + 1] === "'") i += 2;
      else if (c === quote) break;
      else i++;
    }
    if (!quoteEndsWell(text, i + 1)) return false;
    opening.lastIndex = i + 1;
  }
  return true;
}

/**
 * After a closing quote, only what the full loader accepts there: the end of the line, a colon that
 * makes the quoted text a key, or spaces then the end of the line or a comment. js-yaml also takes a
 * comment with no space before it (`"x"#`), which YAML does not.
 */
function quoteEndsWell(text: string, at: number): boolean {
  const c = text[at];
  if (c === ':') return text[at + 1] === ' ' || text[at + 1] === '\n' || text[at + 1] === undefined;
  let i = at;
  while (text[i] === ' ') i++;
  const next = text[i];
  return next === undefined || next === '\n' || (next === '#' && i > at);
}

/** Rule 3: a field name as the request format writes them, at most 128 characters. */
const ORDINARY_KEY = /^[a-z_][a-z0-9_]{0,127}$/;
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function ordinaryKey(key: string): boolean {
  return ORDINARY_KEY.test(key) && !PROTOTYPE_KEYS.has(key) && yaml11Reading(key) === null;
}

/** Whether a value read by js-yaml keeps to rule 3 all the way down; an explicit stack, not recursion. */
function ordinaryTree(root: Record<string, unknown>): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (value === null || typeof value !== 'object') continue;
    // The full loader counts the top mapping as depth 1 and refuses beyond MAX_DEPTH; stay one below.
    if (depth >= MAX_DEPTH) return false;
    if (Array.isArray(value)) {
      for (const item of value) stack.push([item, depth + 1]);
      continue;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) return false;
    for (const key of Object.keys(value)) {
      if (!ordinaryKey(key)) return false;
      stack.push([(value as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return true;
}

/**
 * The request an ordinary text holds, read quickly; `undefined` when the text is not ordinary and the full
 * loader must read it. Call it only on text the full loader's pre-scan has passed.
 */
export function quickLoad(text: string): Record<string, unknown> | undefined {
  if (UNORDINARY.test(text) || !quotesCloseOnTheirLine(text)) return undefined;
  let value: unknown;
  try {
    value = load(text, { schema: QUICK_SCHEMA, json: false });
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const request = value as Record<string, unknown>;
  return ordinaryTree(request) ? request : undefined;
}

/**
 * Whether two readings of a request are the same value: the same types, the same keys in the same order,
 * and primitives equal by `Object.is` (so `-0` and `0` differ, and `NaN` equals itself).
 */
export function sameReading(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key, i) =>
      key === keysB[i] &&
      sameReading((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** Set for the test suite: every quick reading is checked against the full loader's. */
export const CROSS_CHECK = typeof process !== 'undefined' && process.env?.EXEMPTIONS_CROSS_CHECK_YAML === '1';
