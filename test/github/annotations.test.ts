import { describe, expect, it } from 'vitest';
import { annotationsFor, formatAnnotation } from '../../scripts/pull-request/annotations.ts';
import { evaluation, incompleteCgen, invalidCalnet, readyCalnet } from '../support/evaluations.ts';

describe('line annotations', () => {
  it('point each deficiency and format error at its line', () => {
    const lines = annotationsFor(evaluation([incompleteCgen, invalidCalnet])).map(formatAnnotation);
    expect(lines).toContain(
      '::error file=requests/cgen/dwr-2026-satellite.yaml,line=52,col=10,title=incomplete%3A cost-total-mismatch::The total 120000.00 is not the sum of the items (118500.00). (CALNET MSA policy, Procedures (cost by contract item))',
    );
    expect(lines).toContain(
      '::error file=requests/calnet/cdph-2026-voice.yaml,line=21,col=15,title=request format::/services/0/quantity: quantity must be a whole number of at least 1',
    );
  });

  it('cannot be broken out of by request text', () => {
    const line = formatAnnotation({
      level: 'error',
      file: 'requests/calnet/a,b:c.yaml',
      line: 3,
      title: 'x,y:z',
      message: 'first\n::add-mask::secret\r\n::error::forged 100%',
    });
    expect(line).toBe(
      '::error file=requests/calnet/a%2Cb%3Ac.yaml,line=3,title=x%2Cy%3Az::first%0A::add-mask::secret%0D%0A::error::forged 100%25',
    );
    expect(line).not.toMatch(/[\r\n]/);
  });

  it('flag every file that trips the integrity rule, and leave notes to the comment', () => {
    const artifact = evaluation([readyCalnet], {
      integrity: {
        tripped: true,
        request_files: [readyCalnet.file],
        judging_files: [{ path: 'schemas/request.schema.json', group: 'schemas' }],
      },
    });
    const lines = annotationsFor(artifact).map(formatAnnotation);
    expect(lines[0]).toBe(
      '::error file=schemas/request.schema.json,title=integrity rule::This pull request also changes requests; changes to schemas go in a separate pull request.',
    );
    expect(lines).toHaveLength(1);
  });
});
