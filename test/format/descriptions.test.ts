/**
 * Every field a person writes has a description in the request schema, and names the clauses of the
 * policy texts it serves: editors show the description while typing (through the schema line of each
 * skeleton and .vscode/settings.json), and the messages and the skeleton quote both.
 */
import { describe, expect, it } from 'vitest';
import { requestSchema } from '../../scripts/request/validate.ts';

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The keywords whose schemas hold fields (those of `if`, `not` and `contains` are conditions, not fields). */
const SINGLE = ['items', 'additionalProperties', 'unevaluatedProperties', 'unevaluatedItems', 'then', 'else'];
const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const MAPS = ['patternProperties', 'dependentSchemas'];

/** The fields of a schema node without a description or without a clause (`x-clause`), by path. */
function unexplained(node: unknown, path: string): string[] {
  if (!isNode(node)) return [];
  const missing: string[] = [];
  for (const [name, child] of Object.entries(isNode(node.properties) ? node.properties : {})) {
    const at = `${path}/${name}`;
    if (isNode(child)) {
      if (typeof child.description !== 'string') missing.push(`${at} has no description`);
      const clauses = child['x-clause'];
      if (!Array.isArray(clauses) || clauses.length === 0) missing.push(`${at} names no clause`);
    }
    missing.push(...unexplained(child, at));
  }
  for (const key of SINGLE) missing.push(...unexplained(node[key], path));
  for (const key of LISTS) {
    const branches = node[key];
    if (Array.isArray(branches)) for (const branch of branches) missing.push(...unexplained(branch, path));
  }
  for (const key of MAPS) {
    const schemas = node[key];
    if (isNode(schemas))
      for (const schema of Object.values(schemas)) missing.push(...unexplained(schema, path));
  }
  return missing;
}

/**
 * The fields whose own description an editor would hide: the YAML language server shows the description
 * of a field's `$ref` target in place of the field's own, so a building block a described field refers
 * to keeps its words in `$comment`.
 */
function shadowed(schema: Node): string[] {
  const definitions = isNode(schema.$defs) ? schema.$defs : {};
  const found: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) for (const [i, child] of node.entries()) walk(child, `${path}/${i}`);
    if (!isNode(node)) return;
    const target = typeof node.$ref === 'string' ? /^#\/\$defs\/([^/]+)$/.exec(node.$ref)?.[1] : undefined;
    const referred = target === undefined ? undefined : definitions[target];
    if (typeof node.description === 'string' && isNode(referred) && typeof referred.description === 'string')
      found.push(`${path} (by $defs/${target})`);
    for (const [key, child] of Object.entries(node)) walk(child, `${path}/${key}`);
  };
  walk(schema, '');
  return found;
}

describe('the request schema', () => {
  it('describes every field a person writes and names the clauses it serves', () => {
    const schema = requestSchema();
    const definitions = isNode(schema.$defs) ? schema.$defs : {};
    const missing = [
      ...unexplained(schema, ''),
      ...Object.entries(definitions).flatMap(([name, definition]) =>
        unexplained(definition, `$defs/${name}`),
      ),
    ];
    expect(missing).toEqual([]);
  });

  it('would name a field left without either, wherever it is', () => {
    const described = { description: 'b', 'x-clause': ['calnet.purpose'] };
    expect(
      unexplained(
        {
          properties: { a: { type: 'string' }, b: described },
          allOf: [{ else: { properties: { c: { description: 'c' } } } }],
          patternProperties: { '^x-': { properties: { d: { 'x-clause': ['calnet.purpose'] } } } },
          if: { properties: { e: { const: 1 } } },
        },
        '',
      ),
    ).toEqual(['/a has no description', '/a names no clause', '/c names no clause', '/d has no description']);
  });

  it("shows an editor each field's own description, never that of a building block it refers to", () => {
    expect(shadowed(requestSchema())).toEqual([]);
    expect(
      shadowed({
        properties: { need: { description: 'why', $ref: '#/$defs/text' } },
        $defs: { text: { description: 'a text', type: 'string' } },
      }),
    ).toEqual(['/properties/need (by $defs/text)']);
  });

  it('names the format it checks in the title an editor shows above every description', () => {
    const schema = requestSchema();
    const format = (schema.properties as Record<string, { const: number }>).format?.const;
    expect(schema.title).toBe(`Exemption request (format ${format})`);
  });
});
