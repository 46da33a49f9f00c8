/** The one next step a request's author or approver reads first, from its outcome. */
import { describe, expect, it } from 'vitest';
import type { ArtifactDecision } from '../../scripts/pull-request/artifact.ts';
import { nextStep } from '../../scripts/render/next-step.ts';
import { decision as handDecision } from '../support/evaluations.ts';

/** An incomplete CALNET decision the Director decides, unless `overrides` say otherwise. */
const decision = (overrides: Partial<ArtifactDecision>) =>
  handDecision({ outcome: 'incomplete', approver: 'Director', ...overrides });

const finding = (message: string) => ({ code: 'x', path: '/x', message, citation: 'c' });

describe('the next step', () => {
  it('names the approver when the request is ready, and leaves nothing for the author', () => {
    const step = nextStep({ errors: [], decision: decision({ outcome: 'ready-for-decision' }) });
    expect(step).toEqual({
      done: true,
      left: 0,
      words: 'ready for the decision of the Director: merging the pull request grants the exemption',
    });
  });

  it('says why no exemption is needed, in words', () => {
    const step = nextStep({
      errors: [],
      decision: decision({ outcome: 'not-required', reasons: ['exempt-agency'], approver: null }),
    });
    expect(step.words).toBe('no exemption is needed, because the agency is exempt from both programs');
    expect(step.done).toBe(true);
  });

  it('is the one finding itself when only one is left', () => {
    const step = nextStep({ errors: [], decision: decision({ deficiencies: [finding('attach the IPR')] }) });
    expect(step).toEqual({ done: false, left: 1, words: 'attach the IPR' });
  });

  it('counts format errors and provisional findings together for an invalid file', () => {
    const step = nextStep({
      errors: [{ message: 'need is empty' }],
      decision: null,
      provisional: decision({ deficiencies: [finding('attach the IPR')] }),
    });
    expect(step).toEqual({
      done: false,
      left: 2,
      words: 'fix the problems listed (2), starting with: need is empty',
    });
  });

  it('names the first purchase date an ATO allows', () => {
    const step = nextStep({
      errors: [],
      decision: decision({ outcome: 'ato-bound', available_from: '2027-03-01', approver: null }),
    });
    expect(step.words).toContain('2027-03-01');
    expect(step.done).toBe(false);
  });
});
