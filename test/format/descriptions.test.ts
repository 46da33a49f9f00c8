/**
 * Every field a person writes has a description in the request schema: editors show it while typing
 * (through the schema line of each skeleton and .vscode/settings.json), and the messages and the
 * skeleton quote it.
 */
import { describe, expect, it } from 'vitest';
import { requestSchema } from '../../scripts/request/validate.ts';

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The fields of a schema node without a description, by path; the conditions of `if` and `contains` are not fields. */
function undescribed(node: unknown, path: string): string[] {
  if (!isNode(node)) return [];
  const missing: string[] = [];
  for (const [name, child] of Object.entries(isNode(node.properties) ? node.properties : {})) {
    const at = `${path}/${name}`;
    if (isNode(child) && typeof child.description !== 'string') missing.push(at);
    missing.push(...undescribed(child, at));
  }
  for (const key of ['items', 'additionalProperties', 'then', 'else'])
    missing.push(...undescribed(node[key], path));
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const branches = node[key];
    if (Array.isArray(branches)) for (const branch of branches) missing.push(...undescribed(branch, path));
  }
  return missing;
}

describe('the request schema', () => {
  it('describes every field a person writes', () => {
    const schema = requestSchema();
    const definitions = isNode(schema.$defs) ? schema.$defs : {};
    const missing = [
      ...undescribed(schema, ''),
      ...Object.entries(definitions).flatMap(([name, definition]) =>
        undescribed(definition, `$defs/${name}`),
      ),
    ];
    expect(missing).toEqual([]);
  });

  it('would name a field left without one', () => {
    expect(
      undescribed({ properties: { a: { type: 'string' }, b: { description: 'b', type: 'string' } } }, ''),
    ).toEqual(['/a']);
  });
});
