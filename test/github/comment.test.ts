import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/core/paths.ts';
import type { ArtifactResult } from '../../scripts/pull-request/artifact.ts';
import {
  COMMENT_MARKER,
  commentState,
  linkTarget,
  MAX_COMMENT_LENGTH,
  markOutOfDate,
  parseCommentState,
  renderComment,
  verdict,
} from '../../scripts/pull-request/comment.ts';
import { markdownText } from '../../scripts/render/escape.ts';
import {
  BASE_SHA,
  evaluation,
  HOSTILE_TEXTS,
  hostileCalnet,
  incompleteCgen,
  invalidCalnet,
  invalidCalnetWithFindings,
  readyCalnet,
  thresholdImpact,
} from '../support/evaluations.ts';

const goldenDir = join(repoRoot, 'test/support/golden');
const links = linkTarget('https://github.com', 'ca-cdt/telecom-exemptions');
const runUrl = 'https://github.com/ca-cdt/telecom-exemptions/actions/runs/123456789';

/** Compares with the committed golden file; `UPDATE_GOLDEN=1` rewrites it after a deliberate change. */
function expectGolden(name: string, actual: string): void {
  const file = join(goldenDir, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  if (!existsSync(file))
    throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** What a body must never contain, whatever the request said. */
function expectInert(body: string): void {
  expect(body.match(/<!-- exemptions-evaluation -->/g)).toHaveLength(1);
  expect(body.startsWith(COMMENT_MARKER)).toBe(true);
  expect(body.match(/<!-- exemptions-state:v1 /g)?.length ?? 0).toBeLessThanOrEqual(1);
  expect(body).not.toMatch(/@[A-Za-z0-9]/);
  expect(body).not.toMatch(/(^|[^&])#\d/);
  expect(body).not.toMatch(/<(img|script|b)\b/i);
  expect(body).not.toMatch(/^\s*```/m);
  expect(body).not.toMatch(/https:\/\/evil/);
  // Every table row has exactly the header's five unescaped pipes.
  for (const row of body.split('\n').filter((line) => line.startsWith('| '))) {
    expect(row.replace(/\\\|/g, '').match(/\|/g)).toHaveLength(5);
  }
}

describe('the evaluation comment', () => {
  it('shows a ready request: the letter first, then the grounds, notes, approver, digest and base commit', () => {
    const body = renderComment(evaluation([readyCalnet]), { target: 'comment', links, runUrl });
    expectGolden('ready.md', body);
    expect(body.indexOf('**Next:** ready for the decision of the Director')).toBeGreaterThan(0);
    expect(body.indexOf('**Next:**')).toBeLessThan(body.indexOf('<details>'));
    expect(body).toContain('The check passes');
  });

  it('shows an incomplete request with links to the exact lines at the head commit', () => {
    const body = renderComment(evaluation([incompleteCgen]), { target: 'comment', links, runUrl });
    expectGolden('incomplete.md', body);
    expect(body).toContain(
      '(https://github.com/ca-cdt/telecom-exemptions/blob/3f2c9a1e5b7d4c6e8f0a1b2c3d4e5f60718293a4/requests/cgen/dwr-2026-satellite.yaml#L52)',
    );
    expect(body).toContain('The check fails');
  });

  it('shows what was resolved since the previous evaluation', () => {
    const before = evaluation([incompleteCgen, invalidCalnet]);
    const previous = parseCommentState(renderComment(before, { target: 'comment', links }));
    const fixedCost = {
      ...incompleteCgen,
      decision: incompleteCgen.decision && {
        ...incompleteCgen.decision,
        deficiencies: incompleteCgen.decision.deficiencies.filter((d) => d.code !== 'cost-total-mismatch'),
      },
    };
    const now = evaluation([fixedCost, readyCalnet, { ...readyCalnet, file: invalidCalnet.file }]);
    const body = renderComment(now, { target: 'comment', links, previous });
    expectGolden('resolved.md', body);
    expect(body).toContain(
      '**Resolved since the last evaluation** (1)\n- ✔️ ~~`cost-total-mismatch` at `/cost/total`~~',
    );
    expect(body).toContain('Previously: ❌ invalid.');
  });

  it('flags the integrity rule, misplaced files and schema errors', () => {
    const body = renderComment(
      evaluation([invalidCalnet], {
        integrity: {
          tripped: true,
          request_files: [invalidCalnet.file],
          judging_files: [
            { path: 'policies/exemptions/decision.rego', group: 'policies' },
            { path: '.github/CODEOWNERS', group: 'codeowners' },
          ],
        },
        misplaced_files: ['requests/dgs-extra.yaml'],
        removed_requests: ['requests/calnet/old-request.yaml'],
        unsafe_paths: 1,
      }),
      { target: 'comment', links, runUrl },
    );
    expectGolden('integrity.md', body);
    expect(verdict(evaluation([readyCalnet], { unsafe_paths: 1 })).passed).toBe(false);
  });

  it('escapes hostile text everywhere it is echoed', () => {
    const body = renderComment(evaluation([hostileCalnet]), { target: 'comment', links, runUrl });
    expectGolden('hostile.md', body);
    expectInert(body);
    expect(body).toContain('@&#8203;org/team');
    expect(body).toContain('&amp;#&#8203;64;x');
    expect(body).toContain('#&#8203;1');
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(body).toContain('pipe \\| breaks \\| tables');
    expect(body).toContain('Total \\$66,000.00 is not (\\$64,800.00)');
  });

  it('stays within 65,536 characters and points at the job summary for the rest', () => {
    const many = Array.from({ length: 120 }, (_, i) => ({
      ...hostileCalnet,
      file: `requests/calnet/agency-${String(i).padStart(3, '0')}.yaml`,
    }));
    const body = renderComment(evaluation(many), { target: 'comment', links, runUrl });
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(body).toContain(`see the [job summary of the evaluation run](${runUrl})`);
    expect(body).toContain('requests/calnet/agency-119.yaml');
    expectInert(body);
    const summary = renderComment(evaluation(many), { target: 'summary', links });
    expect(summary.length).toBeGreaterThan(MAX_COMMENT_LENGTH);
    expect(summary).not.toContain(COMMENT_MARKER);
  });

  it('shortens the table too when even the rows do not fit', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({
      ...readyCalnet,
      file: `requests/calnet/r-${i}.yaml`,
    }));
    const body = renderComment(evaluation(many), { target: 'comment', links, maxLength: 20_000 });
    expect(body.length).toBeLessThanOrEqual(20_000);
    expect(body).toMatch(/^- … and \d+ more file\(s\)$/m);
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
  });

  it('shows the impact of a rule change as a section marked as information, not the gate, before the footer', () => {
    const body = renderComment(evaluation([]), {
      target: 'summary',
      links,
      impact: { impact: thresholdImpact },
    });
    expectGolden('impact.md', body);
    const section = body.slice(body.indexOf('### Impact of the rule change on the requests on file'));
    expect(section.length).toBeLessThan(body.length);
    expect(section).toMatch(/^> \*\*Information, not the gate\.\*\*/m);
    expect(section).toContain('`exemptions / trusted evaluation` does not depend on it');
    expect(section).toContain(
      '| `requests/calnet/dwr-2026-sd-wan.yaml` (dwr-2026-sd-wan, CALNET MSA) | ✅ ready for decision → ❌ ground not met |',
    );
    expect(section).toContain(
      '- `requests/cgen/chp-2026-remote-sites.yaml` (chp-2026-remote-sites): ✅ ready for decision',
    );
    expect(body.indexOf('### Impact')).toBeLessThan(body.indexOf('<sub>Policy `sha256:4b1d'));
    // The verdict is the evaluation's own: no request changes here, so the check passes whatever the impact.
    expect(body).toContain('No request files change in this pull request.');
  });

  it('says why the impact could not be computed, escaped, still as information', () => {
    const error = 'the head (x) cannot judge requests: broken.rego:4: unexpected eof @team <b>';
    const body = renderComment(evaluation([]), { target: 'comment', links, impact: { error } });
    expect(body).toContain('The impact could not be computed: the head (x) cannot judge requests');
    expect(body).toContain('**Information, not the gate.**');
    expectInert(body);
  });

  it('lists at most 50 changed requests in the comment and says how to see them all', () => {
    const [dwr] = thresholdImpact.changed;
    if (!dwr) throw new Error('fixture');
    const changed = Array.from({ length: 80 }, (_, i) => ({ ...dwr, file: `requests/calnet/r-${i}.yaml` }));
    const body = renderComment(evaluation([]), {
      target: 'comment',
      links,
      impact: { impact: { ...thresholdImpact, changed } },
    });
    expect(body.split('\n').filter((line) => line.startsWith('| `requests/calnet/r-'))).toHaveLength(50);
    expect(body).toContain(`… and 30 more requests: \`npx exemptions impact --base ${BASE_SHA} --head `);
    expectInert(body);
  });

  it('renders lines as file:line without links in the working-tree preview', () => {
    const body = renderComment(evaluation([incompleteCgen]), { target: 'comment', links, workingTree: true });
    expect(body).toContain('`requests/cgen/dwr-2026-satellite.yaml:52`');
    expect(body).not.toContain('/blob/');
    expect(body).toContain('working tree');
  });

  it('refuses link targets that are not plainly a server and a repository', () => {
    expect(linkTarget('javascript:alert(1)', 'a/b')).toBeUndefined();
    expect(linkTarget('https://github.com', 'a/b)evil')).toBeUndefined();
    expect(linkTarget('https://github.com/', 'a/b')).toEqual({
      serverUrl: 'https://github.com',
      repository: 'a/b',
    });
  });
});

describe('escaping user text', () => {
  it.each(HOSTILE_TEXTS)('makes %j inert', (text) => {
    const out = markdownText(text);
    expect(out).not.toMatch(/[\r\n]/);
    expect(out).not.toMatch(/[<>]/);
    expect(out).not.toMatch(/@[A-Za-z0-9]/);
    expect(out).not.toMatch(/(^|[^\\])[|`[\]]/);
  });

  it('holds for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const out = markdownText(text);
        expect(out).not.toMatch(/[\r\n<>\u202e]/);
        expect(out).not.toMatch(/@[A-Za-z0-9]/);
        expect(out).not.toMatch(/(^|[^&])#\d/);
        expect(out).not.toMatch(/\b[0-9a-f]{7,}\b/i);
        expect(out).not.toMatch(/(^|[^\\])(\\\\)*[|`$]/);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no commit SHA for GitHub to link, short or full', () => {
    const sha = '9fceb02d0ae598e95dc970b74767f19372d61af8';
    const out = markdownText(`fixed in 9fceb02 and ${sha}`);
    expect(out).toBe(
      'fixed in 9fceb0&#8203;2 and 9fceb0&#8203;2d0ae5&#8203;98e95d&#8203;c970b7&#8203;4767f1&#8203;9372d6&#8203;1af8',
    );
    expect(out.replaceAll('&#8203;', '')).toBe(`fixed in 9fceb02 and ${sha}`);
  });

  it('caps long text', () => {
    expect(markdownText('x'.repeat(5000)).length).toBeLessThanOrEqual(1000);
  });
});

describe('a comment marked out of date', () => {
  const body = `${COMMENT_MARKER}\n## Exemption request evaluation\n\nok\n`;

  it('says which commit is being evaluated, right after the marker, and keeps one notice when marked again', () => {
    const once = markOutOfDate(body, 'a'.repeat(40));
    expect(once.startsWith(`${COMMENT_MARKER}\n<!-- out-of-date -->\n> [!WARNING]\n`)).toBe(true);
    const twice = markOutOfDate(once, 'b'.repeat(40));
    expect(twice.match(/Out of date/g)).toHaveLength(1);
    expect(twice).toContain(`\`${'b'.repeat(12)}\``);
    expect(twice).not.toContain('a'.repeat(12));
    expect(twice.endsWith('## Exemption request evaluation\n\nok\n')).toBe(true);
  });
});

describe('the state embedded in the comment', () => {
  it('round-trips through the rendered body', () => {
    const artifact = evaluation([incompleteCgen, invalidCalnet]);
    expect(parseCommentState(renderComment(artifact, { target: 'comment' }))).toEqual(commentState(artifact));
  });

  it.each([
    ['no state', 'just a comment'],
    ['not base64', '<!-- exemptions-state:v1 !!!! -->'],
    ['not JSON', `<!-- exemptions-state:v1 ${Buffer.from('{nope').toString('base64')} -->`],
    ['wrong shape', `<!-- exemptions-state:v1 ${Buffer.from('{"files":[1,2]}').toString('base64')} -->`],
    ['unclosed', '<!-- exemptions-state:v1 e30='],
  ])('is ignored when there is %s', (_, body) => {
    expect(parseCommentState(body)).toBeNull();
  });

  it('keeps only well-formed entries with safe paths', () => {
    const raw = {
      files: {
        '../etc/passwd': { outcome: 'incomplete', items: [] },
        'requests/cgen/x.yaml': {
          outcome: 'incomplete',
          items: [{ k: 'd', c: 'ok-code', p: '/a' }, { k: 'd', c: 5 }, { k: 'zzz' }, 'text'],
        },
      },
    };
    const body = `<!-- exemptions-state:v1 ${Buffer.from(JSON.stringify(raw)).toString('base64')} -->`;
    expect(parseCommentState(body)).toEqual({
      files: {
        'requests/cgen/x.yaml': { outcome: 'incomplete', items: [{ k: 'd', c: 'ok-code', p: '/a' }] },
      },
    });
  });
});

describe('the decision letter', () => {
  /** The letter's lines for the one request of an evaluation: outcome, program, who decides, next step. */
  function letter(result: ArtifactResult): string[] {
    const body = renderComment(evaluation([result]), { target: 'comment', links });
    return body.split('\n').filter((line) => line.startsWith('- **') || line.startsWith('  **Next:**'));
  }
  const withDecision = (overrides: Partial<NonNullable<ArtifactResult['decision']>>): ArtifactResult => ({
    ...readyCalnet,
    decision: { ...(readyCalnet.decision as NonNullable<ArtifactResult['decision']>), ...overrides },
  });

  it('opens a ready request with the outcome, the program and the approver who decides by merging', () => {
    const [first, next] = letter(readyCalnet);
    expect(first).toMatch(
      /^- \*\*✅ ready for decision\*\* · CALNET MSA · \[`requests\/calnet\/dgs-2026-sd-wan\.yaml`\]/,
    );
    expect(next).toBe(
      '  **Next:** ready for the decision of the Director, Department of Technology, and the Statewide Telecommunications and Network Division: merging the pull request grants the exemption',
    );
  });

  it('says why no exemption is needed', () => {
    const [, next] = letter(
      withDecision({ outcome: 'not-required', reasons: ['exempt-agency'], approver: null }),
    );
    expect(next).toBe('  **Next:** no exemption is needed, because the agency is exempt from both programs');
  });

  it('names the first purchase date an ATO allows', () => {
    const [, next] = letter(
      withDecision({ outcome: 'ato-bound', available_from: '2027-03-01', approver: null }),
    );
    expect(next).toContain('the earliest purchase date it allows is 2027-03-01');
  });

  it('gives the one finding of an incomplete request as the next step, and who will decide', () => {
    const one = {
      ...incompleteCgen,
      decision: {
        ...(incompleteCgen.decision as NonNullable<ArtifactResult['decision']>),
        deficiencies: [incompleteCgen.decision?.deficiencies[0] as never],
      },
    };
    const [first, next] = letter(one);
    expect(first).toContain('decided by the CDT Chief Technology Officer');
    expect(next).toBe(
      '  **Next:** The request needs the approval of the CIO (or an equivalent) as well as the AIO.',
    );
  });

  it('says what shows no ground', () => {
    const [first] = letter(
      withDecision({
        outcome: 'ground-not-met',
        grounds: [],
        deficiencies: [
          { code: 'ipr-below-threshold', path: '/grounds/cost_ipr', message: 'saves only 5%', citation: 'c' },
        ],
      }),
    );
    expect(first).toContain('❌ ground not met');
  });

  it("shows an invalid file's provisional findings beside its format errors, and counts both", () => {
    const result = invalidCalnetWithFindings;
    const body = renderComment(evaluation([result]), { target: 'comment', links });
    expectGolden('invalid.md', body);
    expect(body).toContain(
      '**Next:** fix the problems listed (3), starting with: quantity must be a whole number of at least 1',
    );
    const format = body.indexOf('**The request does not match the request format**');
    const policy = body.indexOf('**The policy also finds, in the parts that are well formed** (1)');
    expect(format).toBeGreaterThan(0);
    expect(policy).toBeGreaterThan(format);
    expect(body).toContain('`requests/calnet/cdph-2026-voice.yaml:40`');
    expect(body).not.toContain('once these are fixed');
    expect(parseCommentState(body)?.files[result.file]?.items).toContainEqual({
      k: 'd',
      c: 'cost-total-mismatch',
      p: '/cost/total',
    });
  });

  it("links each clause to its code's row of the policy reference at the base commit", () => {
    const reference = `https://github.com/ca-cdt/telecom-exemptions/blob/${BASE_SHA}/docs/policy-reference.md`;
    const body = renderComment(evaluation([incompleteCgen, readyCalnet]), { target: 'comment', links });
    expect(body).toContain(
      `— _[CGEN policy, Exemption Requests](${reference}#deficiency-missing-cio-approval)_`,
    );
    expect(body).toContain(
      `— _[CALNET MSA policy, Purpose (STMM 502.0)](${reference}#note-project-delegation)_`,
    );
    // The citations name their subjects: the outcome and approver are the decision's own.
    expect(body).toContain(`- outcome: _[CGEN policy, Procedures](${reference}#outcome-incomplete)_`);
    // A subject that names no row of the reference is shown, unlinked.
    expect(body).toContain('- functionality: _CALNET MSA policy, Exemption Requests, first ground_');
    const plain = renderComment(evaluation([incompleteCgen]), { target: 'summary' });
    expect(plain).toContain('— _CGEN policy, Exemption Requests_');
    expect(plain).not.toContain('policy-reference.md');
  });

  it('escapes a hostile approver and next step in the letter lines themselves, and never shows the id', () => {
    const [first, next] = letter({ ...hostileCalnet, id: '@evil-id <img src=x>' });
    expect(first).toContain('decided by the @&#8203;director &lt;b&gt;Director&lt;/b&gt; \\| #&#8203;7');
    expect(next).toBe(
      '  **Next:** complete the request (11), starting with: Ping @&#8203;org/team and @&#8203;octocat now',
    );
    for (const line of [first, next]) expect(line).not.toMatch(/@[A-Za-z0-9]|<[a-z]|(^|[^&])#\d|evil/);
  });

  it('collapses the details of each file under its outcome, below every letter line', () => {
    const body = renderComment(evaluation([readyCalnet, incompleteCgen, invalidCalnetWithFindings]), {
      target: 'comment',
      links,
    });
    expect(body.match(/^<details><summary>Details: .*$/gm)).toEqual([
      '<details><summary>Details: ✅ ready for decision · requests/calnet/dgs-2026-sd-wan.yaml</summary>',
      '<details><summary>Details: ❌ incomplete · requests/cgen/dwr-2026-satellite.yaml (2 findings)</summary>',
      '<details><summary>Details: ❌ invalid · requests/calnet/cdph-2026-voice.yaml (3 findings)</summary>',
    ]);
    expect(body.indexOf('<details>')).toBeGreaterThan(body.lastIndexOf('  **Next:**'));
    expect(body.match(/<details>/g)).toHaveLength(body.match(/<\/details>/g)?.length ?? -1);
  });

  it('makes the letter compact before it leaves out any request: 200 requests keep their lines', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({
      ...(i % 2 === 0 ? readyCalnet : invalidCalnetWithFindings),
      file: `requests/calnet/department-of-water-resources-2026-${String(i).padStart(3, '0')}.yaml`,
    }));
    const body = renderComment(evaluation(many), { target: 'comment', links, runUrl });
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(body.match(/^ {2}\*\*Next:\*\*/gm)).toHaveLength(200);
    expect(body).not.toMatch(/more file\(s\)$/m);
    expect(body).toContain(
      '- **✅ ready for decision** · CALNET MSA · `requests/calnet/department-of-water-resources-2026-000.yaml`  \n  **Next:** ready for the decision of the Director',
    );
    expect(body).toContain(
      '- **❌ invalid** · CALNET MSA · `requests/calnet/department-of-water-resources-2026-199.yaml`  \n',
    );
    expect(body).toContain(`see the [job summary of the evaluation run](${runUrl})`);
    expectInert(body);
  });

  it('keeps the letter when the details must go to fit the limit', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      ...incompleteCgen,
      file: `requests/cgen/r-${i}.yaml`,
    }));
    const body = renderComment(evaluation(many), { target: 'comment', links });
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(body.match(/^ {2}\*\*Next:\*\*/gm)).toHaveLength(60);
    expect(body).toContain("left out to keep this comment within GitHub's size limit");
  });
});
