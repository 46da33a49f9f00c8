/** docs/check.md shows what `check` prints today: it is generated from the command and must be fresh. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDoc, checkDocPath, commentDoc, commentDocPath } from '../../scripts/tools/check-doc.ts';

describe('the page of check output', () => {
  it('docs/check.md is up to date (run npm run docs:check)', async () => {
    expect(readFileSync(checkDocPath, 'utf8')).toBe(await checkDoc());
  });

  it('docs/comment-example.md is up to date (run npm run docs:check)', async () => {
    expect(readFileSync(commentDocPath, 'utf8')).toBe(await commentDoc());
  });
});
