/**
 * The two-round goal: a person who fills in the skeleton `new` writes, fixing exactly what the first
 * `check` lists, is done at the second. `npm run rounds` prints the same figures.
 */
import { describe, expect, it } from 'vitest';
import { allRounds } from '../../scripts/tools/rounds.ts';

describe('filling in each example from new', () => {
  it('takes at most two rounds of check to reach the example own outcome', async () => {
    const results = await allRounds('2026-11-22');
    expect(results.length).toBeGreaterThanOrEqual(8);
    for (const result of results) {
      expect(result.rounds, `${result.example}: ${result.seen.join(' → ')}`).toBeLessThanOrEqual(2);
    }
  });
});
