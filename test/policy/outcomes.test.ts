/** The outcome vocabulary is written once in TypeScript; the schemas and the policy must agree with it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/core/paths.ts';
import { GROUND_WORDS, REASON_WORDS, reasonWords } from '../../scripts/policy/decision.ts';
import {
  isAcceptable,
  OUTCOMES,
  OUTCOMES_BY_PRECEDENCE,
  outcomeWords,
} from '../../scripts/policy/outcomes.ts';

const decisionSchema = JSON.parse(readFileSync(join(repoRoot, 'schemas/decision.schema.json'), 'utf8')) as {
  properties: {
    outcome: { enum: string[] };
    reasons: { items: { enum: string[] } };
    grounds: { items: { enum: string[] } };
  };
};

describe('the outcome vocabulary', () => {
  it('names exactly the decision schema outcomes, in its order of precedence', () => {
    expect(OUTCOMES_BY_PRECEDENCE).toEqual(decisionSchema.properties.outcome.enum);
  });

  it('lets exactly ready-for-decision and not-required pass, and nothing outside it', () => {
    expect(OUTCOMES.filter(isAcceptable).sort()).toEqual(['not-required', 'ready-for-decision']);
    expect(isAcceptable('invalid')).toBe(false);
    expect(isAcceptable('constructor')).toBe(false);
    expect(isAcceptable(undefined)).toBe(false);
  });

  it('has words for invalid but none for names it does not know', () => {
    expect(outcomeWords('invalid')?.words).toBe('invalid');
    expect(outcomeWords('__proto__')).toBeUndefined();
  });
});

describe('the words for reasons and grounds', () => {
  it('cover exactly the reasons and grounds of the decision schema', () => {
    expect(Object.keys(REASON_WORDS).sort()).toEqual(
      [...decisionSchema.properties.reasons.items.enum].sort(),
    );
    expect(Object.keys(GROUND_WORDS).sort()).toEqual(
      [...decisionSchema.properties.grounds.items.enum].sort(),
    );
  });

  it('show a code they do not know as it is, never a property of the table', () => {
    expect(reasonWords('toString')).toBe('toString');
  });
});
