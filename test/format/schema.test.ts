/**
 * The schema itself: it compiles in Ajv's strict 2020-12 mode, bounds every string and list, explains
 * every property with its policy clause and an example that is itself valid; and the examples folder
 * holds a complete, valid request for each program, ground and applicability case.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { clauseCatalog } from '../../scripts/core/clauses.ts';
import { repoRoot } from '../../scripts/core/paths.ts';
import {
  addClauseKeyword,
  checkRequestFile,
  compileRequestSchema,
  requestSchema,
} from '../../scripts/request/validate.ts';
import { exampleRequest, examples } from '../support/requests.ts';

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every schema node with its JSON Pointer inside the schema document. */
function walk(node: unknown, pointer = '#'): [string, Node][] {
  if (Array.isArray(node)) return node.flatMap((child, i) => walk(child, `${pointer}/${i}`));
  if (!isNode(node)) return [];
  const here: [string, Node][] = [[pointer, node]];
  for (const [key, child] of Object.entries(node)) {
    if (key === 'examples' || key === 'enum' || key === 'const') continue;
    here.push(...walk(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return here;
}

/**
 * The properties of every `properties` keyword, with their pointers. Those inside `if` and `contains`
 * are conditions on a value, not fields of the request, and are left out.
 */
function allProperties(): [string, Node][] {
  return walk(requestSchema()).flatMap(([pointer, node]) =>
    isNode(node.properties) && !/\/(if|contains)$/.test(pointer)
      ? Object.entries(node.properties).map(([name, p]): [string, Node] => [
          `${pointer}/properties/${name}`,
          p as Node,
        ])
      : [],
  );
}

function strictAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    strictTypes: true,
    strictTuples: true,
    strictRequired: true,
    $data: false,
    allErrors: true,
    multipleOfPrecision: 4,
  });
  formatsPlugin.default(ajv, ['date', 'email']);
  return addClauseKeyword(ajv);
}

describe('the request schema', () => {
  it('is JSON Schema 2020-12 and compiles in strict mode (strictTypes, strictTuples, strictRequired)', () => {
    const schema = requestSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(() => strictAjv().compile(schema)).not.toThrow();
  });

  it('closes every object with unevaluatedProperties: false', () => {
    const objects = walk(requestSchema()).filter(([, n]) => n.type === 'object' && isNode(n.properties));
    const open = objects.filter(
      ([pointer, n]) =>
        n.unevaluatedProperties !== false && !/\/(calnetRules|cgenRules|contains)/.test(pointer),
    );
    expect(open.map(([p]) => p)).toEqual([]);
  });

  it('puts maxLength on every string and maxItems on every list', () => {
    const nodes = walk(requestSchema());
    expect(
      nodes.filter(([, n]) => n.type === 'string' && typeof n.maxLength !== 'number').map(([p]) => p),
    ).toEqual([]);
    expect(
      nodes.filter(([, n]) => n.type === 'array' && typeof n.maxItems !== 'number').map(([p]) => p),
    ).toEqual([]);
  });

  it('gives every property a description, the clauses it serves from the catalog, and examples', () => {
    const properties = allProperties();
    const catalog = clauseCatalog();
    expect(properties.length).toBeGreaterThan(80);
    for (const [pointer, property] of properties) {
      expect(property.description, pointer).toMatch(/\.$/);
      expect(property.description, pointer).not.toMatch(/CALNET MSA policy|CGEN policy/);
      const clauses = property['x-clause'];
      expect(Array.isArray(clauses) && clauses.length > 0, pointer).toBe(true);
      for (const id of clauses as string[]) expect(catalog.clauses[id], `${pointer} ${id}`).toBeDefined();
      expect(Array.isArray(property.examples) && property.examples.length > 0, pointer).toBe(true);
    }
  });

  it('cites in its messages the clauses a rule names, in the words of the catalog', () => {
    const schema = structuredClone(requestSchema());
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    const problems = (value: unknown) => compileRequestSchema(schema).problems(value);
    const before = problems({}).find((p) => p.message.startsWith('"need" is missing'));
    expect(before?.message).toContain('(CALNET MSA policy, Exemption Requests, requirements, second item;');
    properties.need = { ...properties.need, 'x-clause': ['cgen.procedures.cost'] };
    const after = problems({}).find((p) => p.message.startsWith('"need" is missing'));
    expect(after?.message).toContain('(CGEN policy, CGEN Exemption Procedures, fourth item).');
  });

  it('has examples that are valid for the property they illustrate', () => {
    const ajv = strictAjv();
    const schema = requestSchema();
    ajv.addSchema(schema);
    const base = allProperties().filter(([pointer]) => !/calnetRules|cgenRules|\/then\//.test(pointer));
    for (const [pointer, property] of base) {
      const validate = ajv.getSchema(`${String(schema.$id)}${pointer}`);
      expect(validate, pointer).toBeDefined();
      for (const example of property.examples as unknown[]) {
        expect(validate?.(example), `${pointer} ${JSON.stringify(example)}`).toBe(true);
      }
    }
  });

  it('carries the format version as a constant', () => {
    const schema = requestSchema() as { properties: { format: Node } };
    expect(schema.properties.format.const).toBe(2);
  });
});

describe('the example requests', () => {
  const files = ['calnet', 'cgen'].flatMap((program) =>
    readdirSync(join(examples, program))
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => join(examples, program, name)),
  );

  it.each(files.map((f) => [f.slice(repoRoot.length + 1)]))('%s is valid where it is', (file) => {
    const checked = checkRequestFile(join(repoRoot, file));
    expect(checked.errors).toEqual([]);
    expect(checked.warnings).toEqual([]);
  });

  it('cover each program and ground, and the applicability cases', () => {
    const requests = files.map((f) => {
      const [program, name] = f.split('/').slice(-2) as ['calnet' | 'cgen', string];
      return exampleRequest(program, name.replace(/\.yaml$/, '')) as {
        program: string;
        agency: { code: string };
        grounds: Record<string, unknown>;
        services: { service: string }[];
        ato_notice?: unknown;
      };
    });
    const claims = (program: string, ground: string) =>
      requests.some((r) => r.program === program && ground in r.grounds);
    expect(claims('calnet', 'functionality')).toBe(true);
    expect(claims('calnet', 'cost_ipr')).toBe(true);
    expect(claims('calnet', 'fsr')).toBe(true);
    expect(claims('cgen', 'functionality')).toBe(true);
    const codes = new Set(requests.map((r) => r.agency.code));
    expect(codes).toContain('UC'); // an exempt agency
    expect(codes).toContain('SAC-COUNTY'); // a local agency asking for a service on its ATO
    expect(
      requests.some((r) =>
        r.services.every((s) => ['contact-center', 'video-conferencing'].includes(s.service)),
      ),
    ).toBe(true); // non-mandatory services only
  });

  it('use only agency codes and service ids the reference data knows', () => {
    const read = (name: string) =>
      JSON.parse(readFileSync(join(repoRoot, 'policies/reference', name), 'utf8')) as Record<string, Node>;
    const agencies = read('agencies.json').agencies as Node;
    const services = read('services.json').services as Node;
    for (const file of files) {
      const [program, name] = file.split('/').slice(-2) as ['calnet' | 'cgen', string];
      const request = exampleRequest(program, name.replace(/\.yaml$/, '')) as {
        agency: { code: string };
        services: { service: string }[];
      };
      expect(Object.keys(agencies), file).toContain(request.agency.code);
      for (const s of request.services) expect(Object.keys(services), file).toContain(s.service);
    }
  });
});
