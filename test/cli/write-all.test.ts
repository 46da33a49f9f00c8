/**
 * A long report is written in chunks, and never faster than its reader takes it: when the sink's buffer
 * is full, nothing more is written until it drains.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { writeAll } from '../../scripts/cli/context.ts';

/** A sink whose buffer is full after every write, until the test lets it drain. */
class SlowSink extends EventEmitter {
  readonly written: string[] = [];
  write(text: string): boolean {
    this.written.push(text);
    return false;
  }
}

describe('writing a report in pieces', () => {
  it('gathers small pieces into chunks and writes them in order, all of them', async () => {
    const written: string[] = [];
    const pieces = Array.from({ length: 5000 }, (_, i) => `${String(i).padStart(40, '.')}\n`);
    await writeAll({ write: (text: string) => written.push(text) }, pieces);
    expect(written.join('')).toBe(pieces.join(''));
    expect(written.length).toBeGreaterThan(1);
    expect(written.length).toBeLessThan(10);
  });

  it('waits for the sink to drain before writing the next chunk', async () => {
    const sink = new SlowSink();
    const big = 'x'.repeat(70 * 1024);
    let done = false;
    const writing = writeAll(sink, [big, big, 'end']).then(() => {
      done = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(sink.written).toHaveLength(1);
    sink.emit('drain');
    await new Promise((resolve) => setImmediate(resolve));
    expect(sink.written).toHaveLength(2);
    expect(done).toBe(false);
    sink.emit('drain');
    await new Promise((resolve) => setImmediate(resolve));
    sink.emit('drain');
    await writing;
    expect(sink.written.join('')).toBe(`${big}${big}end`);
  });

  it('stops, writing nothing more, when the sink closes', async () => {
    const sink = new SlowSink();
    const writing = writeAll(sink, ['x'.repeat(70 * 1024), 'y'.repeat(70 * 1024), 'rest']);
    await new Promise((resolve) => setImmediate(resolve));
    sink.emit('close');
    await writing;
    expect(sink.written).toHaveLength(1);
    expect(sink.listenerCount('drain')).toBeLessThanOrEqual(1);
  });
});
