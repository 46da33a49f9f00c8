/**
 * The policy reference page and the citations the decision attaches are generated from the rules'
 * METADATA, so they cannot drift: the committed files must equal what the generator writes now.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CodedRule,
  citationsPath,
  compileCitations,
  docPath,
  type GeneratedFiles,
  generate,
  readCodedRules,
} from '../../scripts/tools/reference-doc.ts';

function rule(overrides: Partial<CodedRule>): CodedRule {
  return {
    kind: 'deficiency',
    code: 'cost-total-mismatch',
    title: 'The total equals the sum of the items',
    description: '',
    citation: 'CALNET MSA policy, Procedures, fourth item',
    rule: 'data.exemptions.completeness.deficiencies',
    file: 'policies/exemptions/completeness/cost.rego',
    row: 1,
    ...overrides,
  };
}

describe('policy reference', () => {
  let generated: GeneratedFiles;
  let rules: CodedRule[];
  beforeAll(() => {
    generated = generate();
    rules = readCodedRules();
  });

  it('docs/policy-reference.md is up to date (run npm run docs:policy)', () => {
    expect(readFileSync(docPath, 'utf8')).toBe(generated.doc);
  });

  it('the compiled citations are up to date (run npm run docs:policy)', () => {
    expect(readFileSync(citationsPath, 'utf8')).toBe(generated.citations);
  });

  it('lists every code with its clause', () => {
    for (const r of rules) {
      expect(generated.doc, r.code).toContain(`| \`${r.code}\` |`);
      expect(generated.doc, r.code).toContain(`\`${r.file}:${r.row}\``);
    }
  });

  it('reads a kind, code, title and citation from every rule that produces a code', () => {
    expect(rules.length).toBeGreaterThan(50);
    const kinds = new Set(rules.map((r) => r.kind));
    expect(kinds).toEqual(new Set(['outcome', 'reason', 'ground', 'deficiency', 'note', 'approver']));
  });

  it('refuses two citations for one code', () => {
    const a = rule({});
    const b = rule({ citation: 'CALNET MSA policy, Procedures, third item', row: 9 });
    expect(() => compileCitations([a, b])).toThrow(/cited differently/);
    expect(compileCitations([a, { ...a, row: 9 }]).deficiency['cost-total-mismatch']).toBe(a.citation);
  });
});
