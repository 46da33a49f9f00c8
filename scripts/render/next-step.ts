/**
 * The one next step for a request, in plain words: what its author or the approver does now. The
 * pull-request comment opens with it, `check` ends with it, and every destination escapes it for itself
 * (a deficiency's words may quote what the author wrote).
 */
import { reasonWords } from '../policy/decision.ts';
import type { Outcome } from '../policy/outcomes.ts';

/** The part of a decision the next step reads: a decision, or its copy in the evaluation artifact. */
export interface StepDecision {
  outcome: Outcome;
  reasons: readonly string[];
  deficiencies: readonly { message: string }[];
  approver: string | null;
  available_from?: string | null;
}

/** What the next step is judged from: a file's errors, its decision, and an invalid file's findings. */
export interface StepInput {
  errors: readonly { message: string }[];
  decision: StepDecision | null;
  /** An invalid file's provisional findings: only what to fix, never an outcome. */
  provisional?: Pick<StepDecision, 'deficiencies'> | null | undefined;
}

export interface NextStep {
  /** Nothing is left for the author: ready for the approver's decision, or no exemption needed. */
  done: boolean;
  /** How many problems the author still has to fix (format errors and findings). */
  left: number;
  words: string;
}

/** "no exemption is needed, because …", with every reason in words. */
export function notRequiredWords(decision: StepDecision): string {
  const because = decision.reasons.map(reasonWords);
  return because.length > 0
    ? `no exemption is needed, because ${because.join('; and ')}`
    : 'no exemption is needed';
}

function fixWords(count: number, first: string | undefined, what: string): string {
  if (count === 1 && first) return first;
  return `${what} (${count}), starting with: ${first ?? ''}`;
}

function firstFinding(deficiencies: StepDecision['deficiencies']): string | undefined {
  return deficiencies[0]?.message;
}

export function nextStep(input: StepInput): NextStep {
  const { errors, decision } = input;
  if (!decision) {
    const findings = input.provisional?.deficiencies ?? [];
    const left = errors.length + findings.length;
    const first = errors[0]?.message ?? firstFinding(findings);
    return { done: false, left, words: fixWords(left, first, 'fix the problems listed') };
  }
  // What binds an agency to its ATO is not something the author can fix; everything else is.
  const nothingToFix = decision.outcome === 'not-required' || decision.outcome === 'ato-bound';
  const left = errors.length + (nothingToFix ? 0 : decision.deficiencies.length);
  switch (decision.outcome) {
    case 'ready-for-decision':
      return {
        done: true,
        left: 0,
        words: `ready for the decision of the ${decision.approver ?? 'approver'}: merging the pull request grants the exemption`,
      };
    case 'not-required':
      return { done: true, left: 0, words: notRequiredWords(decision) };
    case 'ato-bound':
      return {
        done: false,
        left,
        words: decision.available_from
          ? `the ATO binds the agency to the CALNET MSA: the earliest purchase date it allows is ${decision.available_from}`
          : 'the ATO binds the agency to the CALNET MSA for these services',
      };
    case 'ground-not-met':
      return {
        done: false,
        left,
        words: fixWords(left, firstFinding(decision.deficiencies), 'show a ground: answer the findings'),
      };
    case 'incomplete':
      return {
        done: false,
        left,
        words: fixWords(left, firstFinding(decision.deficiencies), 'complete the request'),
      };
  }
}
