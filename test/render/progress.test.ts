import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { silentProgress } from '../../scripts/core/progress.ts';
import { terminalProgress } from '../../scripts/render/progress.ts';

function stream(tty: boolean): { out: NodeJS.WriteStream; written: () => string } {
  const chunks: Buffer[] = [];
  const s = new PassThrough();
  s.on('data', (c: Buffer) => chunks.push(c));
  Object.assign(s, {
    isTTY: tty,
    columns: 100,
    rows: 30,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  });
  return { out: s as unknown as NodeJS.WriteStream, written: () => Buffer.concat(chunks).toString('utf8') };
}

describe('the progress display', () => {
  it('stays silent when stderr is not a terminal', () => {
    const { out, written } = stream(false);
    const progress = terminalProgress(out);
    expect(progress).toBe(silentProgress);
    progress.phase('re-evaluating merges', 3);
    progress.tick();
    progress.done();
    expect(written()).toBe('');
  });

  it('draws a bar with the phase and the count on a terminal', () => {
    const { out, written } = stream(true);
    const progress = terminalProgress(out, { delayMs: 0 });
    progress.phase('re-evaluating merges', 4);
    for (let i = 0; i < 4; i++) progress.tick();
    progress.done();
    expect(written()).toContain('re-evaluating merges');
    expect(written()).toMatch(/\d\/4/);
  });

  it('draws nothing for a phase that ends within the delay, and starts once it is passed', () => {
    let clock = 0;
    const quick = stream(true);
    const progress = terminalProgress(quick.out, { delayMs: 1000, now: () => clock });
    progress.phase('evaluating', 10);
    clock = 500;
    progress.tick(5);
    progress.done();
    expect(quick.written()).toBe('');
    const slow = stream(true);
    const later = terminalProgress(slow.out, { delayMs: 1000, now: () => clock });
    later.phase('evaluating', 10);
    clock += 1500;
    later.tick(5);
    later.done();
    expect(slow.written()).toMatch(/evaluating.*5\/10/);
  });
});
