/**
 * An agency's central file: every exemption it holds, with the request as merged, its documents, the
 * decision and the approval evidence, and a manifest of SHA-256 digests; `--verify DIR` re-derives it
 * from the repository and names each missing, extra or changed file.
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentralFileManifest } from '../../scripts/audit/central-file.ts';
import { runCli } from '../support/cli.ts';
import { Repository } from '../support/repository.ts';
import { signedMerge } from '../support/signing.ts';
import { AS_OF, buildGrantsHistory, type GrantsHistory, QUOTE_PDF } from './grants-history.ts';
import { ADMIN, AGENCY, ALICE, BOB, file, foundationFiles, request } from './scenario.ts';

let history: GrantsHistory;
const out = mkdtempSync(join(tmpdir(), 'central-file-'));
let folder = 0;

beforeAll(async () => {
  history = await buildGrantsHistory();
});
afterAll(() => {
  history.repo.dispose();
  rmSync(out, { recursive: true, force: true });
});

const exemptions = (args: string[]) => runCli(['audit', ...args], { cwd: history.repo.dir, env: {} });

/** A new folder with the central file of `agency` written into it. */
async function written(agency: string): Promise<string> {
  const dir = join(out, `file-${++folder}`);
  const run = await exemptions(['--central-file', agency, '--out', dir, '--as-of', AS_OF]);
  expect(run.status, run.stderr).toBe(0);
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('exemptions audit --central-file', () => {
  it('writes each exemption the agency holds: the request as merged, its documents, decision, approval, and a manifest', async () => {
    const dir = await written('DGS');
    expect(filesUnder(dir)).toEqual([
      'DGS/dgs-phones/approval.json',
      'DGS/dgs-phones/decision.json',
      'DGS/dgs-phones/dgs-phones.yaml',
      'DGS/dgs-phones/documents/quote.pdf',
      'DGS/dgs-wan/approval.json',
      'DGS/dgs-wan/decision.json',
      'DGS/dgs-wan/dgs-wan.yaml',
      'DGS/dgs-wan/documents/quote.pdf',
      'DGS/dgs-wan/documents/site-survey/floor 2.txt',
      'README.md',
      'manifest.json',
    ]);
    const { merges, repo } = history;
    expect(readFileSync(join(dir, 'DGS/dgs-wan/dgs-wan.yaml'), 'utf8')).toBe(
      `${repo.git(['show', `${merges.dgsWan}:requests/calnet/dgs-wan.yaml`])}\n`,
    );
    expect(readFileSync(join(dir, 'DGS/dgs-wan/documents/quote.pdf'))).toEqual(QUOTE_PDF);
    const approval = JSON.parse(readFileSync(join(dir, 'DGS/dgs-wan/approval.json'), 'utf8'));
    expect(approval).toMatchObject({
      merge_commit: merges.dgsWan,
      pull_request: 1,
      merge_signature: 'github',
      approver: { handle: '@alice', source: 'mapping', is_code_owner: true },
      evaluation_date: '2026-01-07',
    });
    const decision = JSON.parse(readFileSync(join(dir, 'DGS/dgs-wan/decision.json'), 'utf8'));
    expect(decision).toMatchObject({
      outcome: 'ready-for-decision',
      services: ['wan-data', 'internet-access'],
      term: { from: '2026-01-01', through: '2026-12-31', source: 'contract' },
      evaluation_date: '2026-01-07',
    });
    expect(decision.policy_digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(approval.policy_digest).toBe(decision.policy_digest);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as CentralFileManifest;
    expect(manifest).toMatchObject({
      agency: 'DGS',
      agency_name: 'Department of General Services',
      as_of: AS_OF,
    });
    expect(manifest.exemptions.map((e) => [e.request, e.merge_commit])).toEqual([
      ['dgs-phones', merges.dgsPhones],
      ['dgs-wan', merges.dgsWan],
    ]);
    // Every file but the manifest itself, each with the digest of its bytes.
    expect(manifest.files.map((f) => f.path)).toEqual(filesUnder(dir).filter((f) => f !== 'manifest.json'));
    for (const f of manifest.files) expect(f.sha256).toBe(sha256(readFileSync(join(dir, f.path))));
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('holds 2 granted exemptions');
    // The repository's text through the Markdown escaper: a handle mentions nobody where the file is shown.
    expect(readme).toMatch(
      /^\| `dgs-wan` \| CALNET MSA \| 2026-12-31 \| 2026-01-07 \| @&#8203;alice \| #1 `[0-9a-f]{12}` \|$/m,
    );
    expect(readme).toContain('npx exemptions audit --verify path/to/this/folder');
  });

  it('leaves out what the agency does not hold: a merge whose decision was not acceptable, other agencies', async () => {
    const dir = await written('SAC-COUNTY');
    expect(filesUnder(dir)).toEqual([
      'README.md',
      'SAC-COUNTY/sac-radio/approval.json',
      'SAC-COUNTY/sac-radio/decision.json',
      'SAC-COUNTY/sac-radio/sac-radio.yaml',
      'manifest.json',
    ]);
    const dgs = JSON.parse(
      readFileSync(join(await written('DGS'), 'manifest.json'), 'utf8'),
    ) as CentralFileManifest;
    expect(dgs.exemptions.map((e) => e.request)).not.toContain('dgs-incomplete');
  });

  it('names close matches of an unknown agency code from the registry, plainly, and writes nothing', async () => {
    const dir = join(out, 'unknown');
    const typo = await exemptions(['--central-file', 'DSG', '--out', dir, '--as-of', AS_OF]);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain(
      '--central-file DSG: no agency with that code in policies/reference/agencies.json; did you mean DGS (Department of General Services)?',
    );
    expect(typo.stderr).not.toMatch(/\n\s+at /);
    const part = await exemptions(['--central-file', 'SAC', '--out', dir, '--as-of', AS_OF]);
    expect(part.stderr).toContain('did you mean SAC-COUNTY (County of Sacramento)?');
    const none = await exemptions(['--central-file', 'ZZZZZZZ', '--out', dir, '--as-of', AS_OF]);
    expect(none.stderr).toContain('its codes are written as in the registry, for example DGS, SAC-COUNTY');
    expect(() => readdirSync(dir)).toThrow();
  });

  it('needs --out, and refuses a folder that already holds files', async () => {
    const missing = await exemptions(['--central-file', 'DGS', '--as-of', AS_OF]);
    expect([missing.status, missing.stderr]).toEqual([2, expect.stringContaining('give it with --out DIR')]);
    const dir = await written('DGS');
    const again = await exemptions(['--central-file', 'DGS', '--out', dir, '--as-of', AS_OF]);
    expect([again.status, again.stderr]).toEqual([2, expect.stringContaining('the folder is not empty')]);
  });
});

describe('exemptions audit --verify DIR', () => {
  it('verifies a central file of an agency with two grants, also after the branch moved on', async () => {
    const dir = await written('DGS');
    const run = await exemptions(['--verify', dir]);
    expect([run.status, run.stderr]).toEqual([
      0,
      expect.stringContaining(
        'verified: the central file of DGS as of 2026-12-01 matches the repository (11 files)',
      ),
    ]);
    // A request changed after the audit date: the file of that date still stands.
    history.repo.claiming('2026-12-20T10:00:00Z', () =>
      history.repo.commit('Later work', {
        'requests/calnet/dgs-wan/quote.pdf': 'a later quote\n',
        'docs/later.md': 'after the central file was written\n',
      }),
    );
    expect((await exemptions(['--verify', dir])).status).toBe(0);
  });

  it('fails when one byte of a document changes, naming the file and both digests', async () => {
    const dir = await written('DGS');
    const path = join(dir, 'DGS/dgs-wan/documents/quote.pdf');
    const bytes = readFileSync(path);
    bytes[100] = (bytes[100] ?? 0) ^ 1;
    writeFileSync(path, bytes);
    const run = await exemptions(['--verify', dir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `changed: DGS/dgs-wan/documents/quote.pdf: sha256 ${sha256(bytes)}, the repository gives ${sha256(QUOTE_PDF)}`,
    );
    expect(run.stderr).toContain('verify: 1 file differ from what the repository gives');
  });

  it('names each missing, extra and replaced file, and a manifest edited to match a changed file', async () => {
    const dir = await written('DGS');
    rmSync(join(dir, 'DGS/dgs-phones/documents/quote.pdf'));
    writeFileSync(join(dir, 'DGS/dgs-wan/documents/invoice.pdf'), 'slipped in\n');
    rmSync(join(dir, 'DGS/dgs-wan/decision.json'));
    symlinkSync('/etc/passwd', join(dir, 'DGS/dgs-wan/decision.json'));
    const readme = join(dir, 'README.md');
    writeFileSync(readme, `${readFileSync(readme, 'utf8')}Approved by everyone.\n`);
    // Whoever edits a file can also edit the manifest: the repository, not the manifest, is the reference.
    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as CentralFileManifest;
    for (const f of manifest.files) if (f.path === 'README.md') f.sha256 = sha256(readFileSync(readme));
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    const run = await exemptions(['--verify', dir]);
    expect(run.status).toBe(1);
    const lines = run.stderr.split('\n').filter((l) => /^(missing|extra|changed): /.test(l));
    expect(lines.map((l) => l.split(': ').slice(0, 2).join(': '))).toEqual([
      'changed: DGS/dgs-phones/documents/quote.pdf'.replace('changed', 'missing'),
      'changed: DGS/dgs-wan/decision.json',
      'extra: DGS/dgs-wan/documents/invoice.pdf',
      'changed: README.md',
      'changed: manifest.json',
    ]);
  });

  it('refuses a folder without a manifest, or one written for another agency or day, plainly', async () => {
    const empty = join(out, 'empty');
    mkdirSync(empty);
    const none = await exemptions(['--verify', empty]);
    expect([none.status, none.stderr]).toEqual([
      2,
      expect.stringContaining('no manifest, so this is not a central file'),
    ]);
    const dir = await written('DGS');
    const other = await exemptions(['--verify', dir, '--central-file', 'SAC-COUNTY']);
    expect([other.status, other.stderr]).toEqual([
      2,
      expect.stringContaining('the folder is the central file of DGS'),
    ]);
    const day = await exemptions(['--verify', dir, '--as-of', '2026-11-30']);
    expect([day.status, day.stderr]).toEqual([
      2,
      expect.stringContaining('the folder was written as of 2026-12-01'),
    ]);
    writeFileSync(join(dir, 'manifest.json'), '{ not json');
    const broken = await exemptions(['--verify', dir]);
    expect([broken.status, broken.stderr]).toEqual([
      2,
      expect.stringContaining('manifest.json:1:1: the manifest is not JSON'),
    ]);
  });

  it('keeps --verify without a folder as the violation check', async () => {
    const run = await exemptions(['--verify', '--as-of', AS_OF, '--format', 'json']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('verify: 2 violations');
  });
});

describe('the folders of a central file', () => {
  it('keeps a request id that could leave its folder inside it, and tells one id granted in both programs apart', async () => {
    const repo = new Repository('2026-01-05T15:00:00Z');
    const dir = join(out, 'odd-ids');
    try {
      repo.commit('Start the repository', foundationFiles(), ADMIN);
      await signedMerge(
        repo,
        1,
        'dots',
        // Its folder would be requests/calnet/../: the programs' folder, whose files are not its documents.
        {
          'requests/calnet/...yaml': request({ id: '..', program: 'calnet' }),
          'requests/notes.md': 'notes\n',
        },
        AGENCY,
        ALICE,
      );
      await signedMerge(
        repo,
        2,
        'twin-calnet',
        { [file('calnet', 'twin')]: request({ id: 'twin', program: 'calnet' }) },
        AGENCY,
        ALICE,
      );
      await signedMerge(
        repo,
        3,
        'twin-cgen',
        { [file('cgen', 'twin')]: request({ id: 'twin', program: 'cgen' }) },
        AGENCY,
        BOB,
      );
      const run = await runCli(['audit', '--central-file', 'DGS', '--out', dir, '--as-of', AS_OF], {
        cwd: repo.dir,
        env: {},
      });
      expect(run.status, run.stderr).toBe(0);
      const files = filesUnder(dir);
      const dots = `_-${createHash('sha256').update('..').digest('hex').slice(0, 12)}`;
      expect(files).toEqual([
        `DGS/${dots}/...yaml`,
        `DGS/${dots}/approval.json`,
        `DGS/${dots}/decision.json`,
        'DGS/twin.calnet/approval.json',
        'DGS/twin.calnet/decision.json',
        'DGS/twin.calnet/twin.yaml',
        'DGS/twin.cgen/approval.json',
        'DGS/twin.cgen/decision.json',
        'DGS/twin.cgen/twin.yaml',
        'README.md',
        'manifest.json',
      ]);
      const verify = await runCli(['audit', '--verify', dir], { cwd: repo.dir, env: {} });
      expect(verify.status, verify.stderr).toBe(0);
    } finally {
      repo.dispose();
    }
  });
});
