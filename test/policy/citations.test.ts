/**
 * The evaluator cites a decision by its codes from the catalog the policy bundle carries: each
 * deficiency and note its own clause, one citation per subject, a request's own program's text only,
 * and an older policy's own citations kept as they were.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CitationCatalog,
  citeDecision,
  NO_CITATION,
  type PolicyDecision,
} from '../../scripts/policy/citations.ts';
import type { PolicyEvaluator } from '../../scripts/policy/evaluator.ts';
import { EVALUATION_DATE, edited, policy, REMOVE } from '../support/policy.ts';
import { exampleRequest } from '../support/requests.ts';

const catalog = CitationCatalog.fromJson({
  note: {
    both: { calnet: 'CALNET text', cgen: 'CGEN text' },
    one: { calnet: 'One text', cgen: 7 },
  },
});

describe('the citation of a code', () => {
  it("is the request's own program's", () => {
    expect(catalog.of('note', 'both', 'calnet')).toBe('CALNET text');
    expect(catalog.of('note', 'both', 'cgen')).toBe('CGEN text');
  });

  it('is every program’s for a request of unknown program', () => {
    expect(catalog.of('note', 'both', null)).toBe('CALNET text; CGEN text');
    expect(catalog.of('note', 'one', null)).toBe('One text');
  });

  it("is the marker, never the other program's text, for a code that cites only the other program", () => {
    expect(catalog.of('note', 'one', 'cgen')).toBe(NO_CITATION);
  });

  it('is the marker for a code, kind or program the catalog does not know', () => {
    expect(catalog.of('note', 'missing', 'calnet')).toBe(NO_CITATION);
    expect(catalog.of('ground', 'both', 'calnet')).toBe(NO_CITATION);
    expect(catalog.of('note', 'both', 'other')).toBe(NO_CITATION);
    expect(catalog.of('note', 'constructor', 'calnet')).toBe(NO_CITATION);
    expect(catalog.of('note', 'both', 'toString')).toBe(NO_CITATION);
  });
});

describe('a decision with its citations', () => {
  let evaluator: PolicyEvaluator;
  beforeAll(async () => {
    evaluator = await policy();
  });

  const calnet = () => exampleRequest('calnet', 'dwr-2026-sd-wan');
  const cgen = () => exampleRequest('cgen', 'chp-2026-remote-sites');

  it('names each subject once, sorted, with the outcome, ground, notes and approver', () => {
    const decision = evaluator.evaluate(calnet(), EVALUATION_DATE);
    const subjects = decision.citations.map((c) => c.subject);
    expect(subjects).toEqual([...new Set(subjects)].sort());
    expect(subjects).toEqual(
      expect.arrayContaining(['outcome', 'ground:cost-ipr', 'approver', 'note:central-file']),
    );
    for (const { citation } of decision.citations) expect(citation).toMatch(/^CALNET MSA policy/);
  });

  it('cites every deficiency and note, and names each deficiency code among the subjects', () => {
    const decision = evaluator.evaluate(
      edited(calnet(), { '/need': REMOVE, '/cost': REMOVE }),
      EVALUATION_DATE,
    );
    expect(decision.outcome).toBe('incomplete');
    expect(decision.deficiencies.length).toBeGreaterThan(0);
    for (const item of [...decision.deficiencies, ...decision.notes])
      expect(item.citation).toMatch(/^CALNET MSA policy/);
    const subjects = decision.citations.map((c) => c.subject);
    for (const issue of decision.deficiencies) expect(subjects).toContain(`deficiency:${issue.code}`);
  });

  it('cites the reason of a request that needs no exemption', () => {
    const decision = evaluator.evaluate(edited(calnet(), { '/agency/code': 'SCIF' }), EVALUATION_DATE);
    expect(decision.citations.map((c) => c.subject)).toContain('reason:exempt-agency');
  });

  it('cites only the CGEN text for a CGEN request, whatever its outcome', () => {
    for (const request of [
      cgen(),
      edited(cgen(), { '/need': REMOVE, '/approvals': REMOVE }),
      edited(cgen(), { '/agency/code': 'LOTTERY' }),
    ]) {
      const decision = evaluator.evaluate(request, EVALUATION_DATE);
      for (const { citation } of decision.citations) expect(citation).toMatch(/^CGEN policy/);
    }
  });

  it('cites both texts for the outcome of a request of unknown program', () => {
    const decision = evaluator.evaluate(edited(calnet(), { '/program': 'other' }), EVALUATION_DATE);
    expect(decision.program).toBeNull();
    const outcome = decision.citations.find((c) => c.subject === 'outcome')?.citation ?? '';
    expect(outcome).toContain('CALNET MSA policy');
    expect(outcome).toContain('CGEN policy');
  });

  it("keeps an older policy's own citations as they were", () => {
    const older: PolicyDecision = {
      outcome: 'incomplete',
      program: 'calnet',
      reasons: [],
      grounds: [],
      deficiencies: [
        { code: 'need-missing', path: '/need', message: 'need is missing', citation: 'its own' } as never,
      ],
      notes: [],
      approver: null,
      citations: [{ subject: 'outcome', citation: 'its own outcome text' }],
    };
    expect(
      citeDecision(older, CitationCatalog.fromJson({ outcome: { incomplete: { calnet: 'new text' } } })),
    ).toBe(older);
  });
});
