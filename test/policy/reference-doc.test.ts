/**
 * The policy reference page and the citations the decision attaches are generated from the rules'
 * METADATA, so they cannot drift: the committed files must equal what the generator writes now.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { clauseCatalog } from '../../scripts/core/clauses.ts';
import { MAX_FILE_BYTES } from '../../scripts/core/limits.ts';
import { codeAnchor } from '../../scripts/render/reference.ts';
import { auditDocPath } from '../../scripts/tools/audit-doc.ts';
import { requestFormatPath } from '../../scripts/tools/limits-doc.ts';
import {
  type CodedRule,
  citationOf,
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
    clauses: ['calnet.procedures.cost'],
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

  it("the audit page's tables are up to date (run npm run docs:policy)", () => {
    expect(readFileSync(auditDocPath, 'utf8')).toBe(generated.audit);
  });

  it("the request format's limits table is up to date (run npm run docs:policy)", () => {
    expect(readFileSync(requestFormatPath, 'utf8')).toBe(generated.requestFormat);
    expect(generated.requestFormat).toContain(
      `| file size | 1 MiB (${MAX_FILE_BYTES.toLocaleString('en-US')} bytes) |`,
    );
  });

  it('lists every code with its clause, under an anchor of its own', () => {
    for (const r of rules) {
      expect(generated.doc, r.code).toContain(
        `| <a name="${codeAnchor(r.kind, r.code)}"></a>\`${r.code}\` |`,
      );
      expect(generated.doc, r.code).toContain(`\`${r.file}:${r.row}\``);
    }
  });

  it('reads a kind, code, title and citation from every rule that produces a code', () => {
    expect(rules.length).toBeGreaterThan(50);
    const kinds = new Set(rules.map((r) => r.kind));
    expect(kinds).toEqual(new Set(['outcome', 'reason', 'ground', 'deficiency', 'note', 'approver']));
  });

  it('refuses two sets of clauses for one code', () => {
    const a = rule({});
    const b = rule({ clauses: ['calnet.procedures.contract'], row: 9 });
    expect(() => compileCitations([a, b])).toThrow(/cites other clauses/);
    expect(compileCitations([a, { ...a, row: 9 }]).deficiency['cost-total-mismatch']).toEqual({
      calnet: 'CALNET MSA policy, Procedures, fourth item (cost in total and by contract item)',
    });
  });

  it('gives each program its own clauses', () => {
    const both = rule({ clauses: ['calnet.procedures.cost', 'cgen.procedures.cost'] });
    expect(compileCitations([both]).deficiency['cost-total-mismatch']).toEqual({
      calnet: 'CALNET MSA policy, Procedures, fourth item (cost in total and by contract item)',
      cgen: 'CGEN policy, CGEN Exemption Procedures, fourth item (cost in total and by contract item)',
    });
  });

  it('writes the program title once before its clauses, for that program only', () => {
    expect(citationOf(['calnet.policy.ato', 'calnet.procurements.ato-term'])).toEqual({
      calnet:
        "CALNET MSA policy, Policy, third item (local agencies on an ATO for specific services); Non-CALNET MSA Procurements, fourth item, second condition (ATO services after the two-year term, with 30 calendar days' notice)",
    });
  });

  it('lists every clause of the catalog with who cites it', () => {
    for (const id of Object.keys(clauseCatalog().clauses)) expect(generated.doc).toContain(`| \`${id}\` |`);
    expect(generated.doc).not.toMatch(/\| not cited \|/);
  });
});
