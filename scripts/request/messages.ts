/**
 * Turns JSON Schema validation errors into plain words for agency staff: what is wrong, where, and what
 * the policy requires. The "what the policy requires" part is the `description` the schema gives the
 * property and the clauses its `x-clause` names, cited from the clause catalog, so neither is written
 * in this code.
 */
import type { ErrorObject } from 'ajv';
import { citeClauses, UnknownClauseError } from '../core/clauses.ts';
import { pointerFrom, pointerSegments } from './load.ts';

export type SchemaNode = { [keyword: string]: unknown };

/** One schema problem before it is placed in a file: a JSON Pointer, whether to point at the key, words. */
export interface SchemaProblem {
  pointer: string;
  /** Point at the mapping key of `pointer` rather than its value (missing fields, unknown fields). */
  atKey: boolean;
  /**
   * The field the problem is about: the missing field itself for a missing field, else the pointer. What
   * lies at or under it is the problem's; the one-pass check leaves it out of what the policy judges.
   */
  field: string;
  message: string;
}

function asNode(value: unknown): SchemaNode | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as SchemaNode)
    : undefined;
}

/** The clause ids a schema node names in `x-clause`. */
export function clauseIdsOf(node: SchemaNode | undefined): string[] {
  const ids = node?.['x-clause'];
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** The clause citation in section form; an id an older schema names and the catalog lost shows as is. */
function citation(ids: readonly string[]): string {
  try {
    return citeClauses(ids, 'section');
  } catch (error) {
    if (error instanceof UnknownClauseError) return ids.join('; ');
    throw error;
  }
}

/** A node's description followed by the clauses it serves: `... the street address (CALNET MSA policy, ...).` */
function descriptionOf(node: SchemaNode | undefined): string | undefined {
  if (typeof node?.description !== 'string') return undefined;
  const ids = clauseIdsOf(node);
  if (ids.length === 0) return node.description;
  const stop = node.description.endsWith('.') ? '.' : '';
  return `${node.description.slice(0, node.description.length - stop.length)} (${citation(ids)})${stop}`;
}

/**
 * The description of each property by its generic path (`/services/*\/location/zip`), collected from the
 * common rules first so that a property's own description wins over the shared `$defs` building blocks.
 */
export class SchemaDescriptions {
  private readonly byPath = new Map<string, string>();
  /** The fields that name each clause, by generic path, for the policy reference. */
  private readonly fieldsByClause = new Map<string, Set<string>>();
  /**
   * The shared building blocks (`shortText`, `date`, ...) whose descriptions say nothing about a field, by
   * their JSON: a validator generated ahead of time reports copies of the schema's nodes, not the nodes.
   */
  private readonly shared = new Set<string>();

  constructor(private readonly root: SchemaNode) {
    const defs = asNode(root.$defs) ?? {};
    for (const def of Object.values(defs)) {
      const node = asNode(def);
      if (node && node.type !== 'object') this.shared.add(JSON.stringify(node));
    }
    this.walk(root, '', new Set());
  }

  private resolve(ref: unknown): SchemaNode | undefined {
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return undefined;
    let node: unknown = this.root;
    for (const segment of pointerSegments(ref.slice(1))) node = asNode(node)?.[segment];
    return asNode(node);
  }

  private walk(node: SchemaNode, path: string, visiting: Set<SchemaNode>): void {
    if (visiting.has(node)) return;
    visiting.add(node);
    const properties = asNode(node.properties) ?? {};
    for (const [name, value] of Object.entries(properties)) {
      const child = asNode(value);
      if (!child) continue;
      const childPath = `${path}${pointerFrom([name])}`;
      const description = descriptionOf(child);
      if (description && !this.byPath.has(childPath)) this.byPath.set(childPath, description);
      for (const id of clauseIdsOf(child)) {
        const fields = this.fieldsByClause.get(id) ?? new Set<string>();
        this.fieldsByClause.set(id, fields.add(childPath));
      }
      this.walk(child, childPath, visiting);
    }
    const items = asNode(node.items);
    if (items) this.walk(items, `${path}/*`, visiting);
    const ref = this.resolve(node.$ref);
    if (ref) this.walk(ref, path, visiting);
    for (const part of Array.isArray(node.allOf) ? node.allOf : []) {
      const sub = asNode(part);
      if (sub) this.walk(sub, path, visiting);
    }
    const then = asNode(node.then);
    if (then) this.walk(then, path, visiting);
    visiting.delete(node);
  }

  /** The generic paths of the fields whose rules serve a clause. */
  fieldsServing(clause: string): string[] {
    return [...(this.fieldsByClause.get(clause) ?? [])].sort();
  }

  /** The description of the property at an instance path, or of its nearest described ancestor. */
  at(instancePath: string): string | undefined {
    const segments = pointerSegments(instancePath).map((s) => (/^\d+$/.test(s) ? '*' : s));
    for (let n = segments.length; n > 0; n--) {
      const found = this.byPath.get(pointerFrom(segments.slice(0, n)));
      if (found) return found;
    }
    return undefined;
  }

  /** What the policy requires of the value an error is about, from the most specific schema that says. */
  forError(error: ErrorObject, instancePath: string): string | undefined {
    const parent = asNode(error.parentSchema);
    if (error.keyword === 'required') {
      const missing = String(error.params.missingProperty);
      const own = descriptionOf(asNode(asNode(parent?.properties)?.[missing]));
      return own ?? this.at(`${instancePath}${pointerFrom([missing])}`);
    }
    if (parent && !this.shared.has(JSON.stringify(parent)) && descriptionOf(parent))
      return descriptionOf(parent);
    return this.at(instancePath);
  }
}

/** A field's place in the request in words: `services › item 2 › location › zip`. */
export function fieldLabel(pointer: string): string {
  const segments = pointerSegments(pointer);
  if (segments.length === 0) return 'the request';
  return segments.map((s) => (/^\d+$/.test(s) ? `item ${Number(s) + 1}` : s)).join(' › ');
}

/** A value echoed back, short and with control characters escaped. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list (lines starting with "- ")',
  object: 'a mapping of fields (indented "name: value" lines)',
};

function typeProblem(expected: string, data: unknown): string {
  const wanted = TYPE_WORDS[expected] ?? expected;
  if (data === null || data === undefined) return `is empty; fill in ${wanted}`;
  const hint =
    expected === 'string' && (typeof data === 'number' || typeof data === 'boolean')
      ? ' (put it in quotes)'
      : '';
  return `must be ${wanted}, not ${kindOf(data)}${hint}`;
}

function kindOf(data: unknown): string {
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'string') return `the text ${showValue(data)}`;
  if (typeof data === 'number') return `the number ${data}`;
  return showValue(data);
}

/** The closest name among the allowed ones, for "did you mean" on a misspelt field. */
export function closest(name: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of allowed) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/**
 * The allowed names close to `name`, closest first, at most `max`: within the edit distance `closest`
 * allows, or containing it or contained in it (a code typed in part), letter case aside.
 */
export function closeMatches(name: string, allowed: readonly string[], max = 5): string[] {
  const wanted = name.toLowerCase();
  const limit = Math.max(2, Math.floor(name.length / 3));
  return allowed
    .map((candidate) => {
      const lower = candidate.toLowerCase();
      const contains = wanted.length > 0 && (lower.includes(wanted) || wanted.includes(lower));
      return { candidate, distance: contains ? 0 : editDistance(wanted, lower) };
    })
    .filter((c) => c.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, max)
    .map((c) => c.candidate);
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

function example(error: ErrorObject): string {
  const examples = asNode(error.parentSchema)?.examples;
  const first = Array.isArray(examples) ? examples[0] : undefined;
  return typeof first === 'string' ? ` (for example ${first})` : '';
}

function withRequirement(problem: string, requirement: string | undefined): string {
  return requirement ? `${problem}. ${requirement}` : `${problem}.`;
}

/** The words for one error, without the requirement sentence. */
function problemWords(error: ErrorObject, label: string): string {
  const p = error.params as Record<string, unknown>;
  const data = error.data;
  switch (error.keyword) {
    case 'required':
      return label === 'the request'
        ? `"${String(p.missingProperty)}" is missing`
        : `"${String(p.missingProperty)}" is missing under ${label}`;
    case 'type': {
      const choices = asNode(error.parentSchema)?.enum;
      if ((data === null || data === undefined) && Array.isArray(choices))
        return `${label} is empty; fill in one of: ${choices.map(String).join(', ')}`;
      return `${label} ${typeProblem(String(p.type), data)}`;
    }
    case 'enum': {
      const allowed = asNode(error.parentSchema)?.enum;
      const list = Array.isArray(allowed) ? allowed.map(String).join(', ') : '';
      return `${label} is ${showValue(data)}; it must be one of: ${list}`;
    }
    case 'const':
      return `${label} is ${showValue(data)}; it must be ${showValue(p.allowedValue)}`;
    case 'pattern':
      return `${label} ${showValue(data)} is not written in the expected form${example(error)}`;
    case 'format':
      return p.format === 'date'
        ? `${label} ${showValue(data)} is not a calendar date written YYYY-MM-DD (for example 2026-10-01)`
        : `${label} ${showValue(data)} is not a valid ${p.format === 'email' ? 'email address' : String(p.format)}`;
    case 'minLength':
      return Number(p.limit) <= 1
        ? `${label} is empty`
        : `${label} is too short; it needs at least ${String(p.limit)} characters`;
    case 'maxLength':
      return `${label} is ${typeof data === 'string' ? data.length.toLocaleString('en-US') : 'too many'} characters long; at most ${Number(p.limit).toLocaleString('en-US')} are allowed (put longer material in a supporting document)`;
    case 'minimum':
      return `${label} is ${showValue(data)}; it must be at least ${String(p.limit)}`;
    case 'maximum':
      return `${label} is ${showValue(data)}; it must be at most ${Number(p.limit).toLocaleString('en-US')}`;
    case 'exclusiveMinimum':
      return `${label} is ${showValue(data)}; it must be more than ${String(p.limit)}`;
    case 'exclusiveMaximum':
      return `${label} is ${showValue(data)}; it must be less than ${String(p.limit)}`;
    case 'multipleOf':
      return `${label} is ${showValue(data)}; amounts are in dollars and cents, at most two decimals`;
    case 'minItems':
      return Number(p.limit) <= 1
        ? `${label} is an empty list; give at least one entry`
        : `${label} has too few entries; give at least ${String(p.limit)}`;
    case 'maxItems':
      return `${label} has ${Array.isArray(data) ? data.length : 'too many'} entries; at most ${String(p.limit)} are allowed`;
    case 'uniqueItems': {
      const list = Array.isArray(data) ? data : [];
      const repeated = list[Number(p.j)];
      return `${label} lists ${showValue(repeated)} more than once; give each entry once`;
    }
    case 'minProperties':
      return `${label} is empty; fill in at least one of its fields`;
    case 'contains':
      return `${label} does not have the entry it needs`;
    default:
      return `${label} does not meet the request format here`;
  }
}

/**
 * The plain-words problems for a list of Ajv errors, with noise removed: the `if` bookkeeping errors,
 * every other error at a place whose type is already wrong, and repeats from the conditional rules.
 */
export function describeErrors(
  errors: readonly ErrorObject[],
  descriptions: SchemaDescriptions,
): SchemaProblem[] {
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const problems = new Map<string, SchemaProblem & { depth: number }>();
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (error.keyword !== 'type' && wrongType.has(error.instancePath)) continue;
    const p = error.params as Record<string, unknown>;
    let pointer = error.instancePath;
    let field = pointer;
    let atKey = false;
    let message: string;
    let subject = error.keyword;
    if (error.keyword === 'unevaluatedProperties' || error.keyword === 'additionalProperties') {
      const name = String(p.unevaluatedProperty ?? p.additionalProperty);
      pointer = `${error.instancePath}${pointerFrom([name])}`;
      field = pointer;
      atKey = true;
      subject = `unknown:${name}`;
      const allowed = Object.keys(asNode(asNode(error.parentSchema)?.properties) ?? {});
      const guess = closest(name, allowed);
      const where =
        error.instancePath === '' ? 'at the top level' : `under ${fieldLabel(error.instancePath)}`;
      message =
        `"${name}" is not a field of the request format ${where}` +
        (guess ? `; did you mean "${guess}"?` : '.') +
        ` The fields here are: ${allowed.join(', ')}.`;
    } else {
      if (error.keyword === 'required') {
        atKey = true;
        field = `${error.instancePath}${pointerFrom([String(p.missingProperty)])}`;
        subject = `required:${String(p.missingProperty)}`;
      } else if (error.keyword === 'contains' || error.keyword === 'minProperties') {
        atKey = true;
        subject = `${error.keyword}:${String(error.schemaPath)}`;
      }
      const label = fieldLabel(error.instancePath);
      message = withRequirement(problemWords(error, label), descriptions.forError(error, error.instancePath));
    }
    // The same rule can fail in the common part and in a program's conditional part; keep the more
    // specific one (the longer schema path is the conditional one).
    const key = `${pointer}\u0000${subject}`;
    const depth = error.schemaPath.length;
    const existing = problems.get(key);
    if (!existing || depth > existing.depth) problems.set(key, { pointer, atKey, field, message, depth });
  }
  return [...problems.values()].map(({ depth: _, ...problem }) => problem);
}
