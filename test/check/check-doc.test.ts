/** docs/check.md shows what `check` prints today: it is generated from the command and must be fresh. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/core/paths.ts';
import { POLICY_REFERENCE_PAGE } from '../../scripts/render/reference.ts';
import { checkDoc, checkDocPath, commentDoc, commentDocPath } from '../../scripts/tools/check-doc.ts';

describe('the page of check output', () => {
  it('docs/check.md is up to date (run npm run docs:check)', async () => {
    expect(readFileSync(checkDocPath, 'utf8')).toBe(await checkDoc());
  });

  it('docs/comment-example.md is up to date (run npm run docs:check)', async () => {
    expect(readFileSync(commentDocPath, 'utf8')).toBe(await commentDoc());
  });

  it("links the example comment's clauses to rows the policy reference has", () => {
    const reference = readFileSync(join(repoRoot, POLICY_REFERENCE_PAGE), 'utf8');
    const example = readFileSync(commentDocPath, 'utf8');
    const anchors = [...example.matchAll(/policy-reference\.md#([a-z0-9-]+)/g)].map((m) => m[1]);
    expect(anchors.length).toBeGreaterThan(10);
    for (const anchor of new Set(anchors)) expect(reference, anchor).toContain(`<a name="${anchor}"></a>`);
  });
});
