/**
 * `npm run bench:audit [-- --merges N --policy-versions K]`: builds with `git fast-import` a history of N
 * pull-request merges (default 2,000), each adding or changing a synthetic request (bench/generate.ts) with
 * its documents, merged by one of several approvers, with the policy changed K times along the way (the
 * project's own policies/ and schemas/, each version made distinct), then times `exemptions audit` over it:
 * history read, distinct policy versions compiled once each, every merge re-evaluated. Prints one table
 * (and with `--json FILE` writes the figures `npm run bench` prints in its goals table).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { runAudit } from '../scripts/audit/audit.ts';
import { PolicyCache } from '../scripts/audit/policy-cache.ts';
import {
  checkCommitSignature,
  MERGE_SIGNING_KEYS_PATH,
  readSigningKeys,
} from '../scripts/audit/signatures.ts';
import { repoRoot } from '../scripts/core/paths.ts';
import { readToolchain } from '../scripts/core/toolchain.ts';
import { buildPolicy } from '../scripts/policy/compile.ts';
import { generateRequests } from './generate.ts';

const { values } = parseArgs({
  options: {
    merges: { type: 'string', default: '2000' },
    'policy-versions': { type: 'string', default: '8' },
    /** Where to write the figures as JSON as well (`npm run bench` reads them). */
    json: { type: 'string' },
  },
});
const MERGES = Number(values.merges);
const POLICY_VERSIONS = Number(values['policy-versions']);
if (!Number.isInteger(MERGES) || MERGES < 1 || !Number.isInteger(POLICY_VERSIONS) || POLICY_VERSIONS < 1) {
  console.error('--merges and --policy-versions must be positive whole numbers');
  process.exit(2);
}

/** What `--json` writes. */
export interface AuditFigures {
  commits: number;
  requestMerges: number;
  auditSeconds: number;
  /** Checking a real GitHub merge signature once per request merge (fast-import cannot sign). */
  signatureSeconds: number;
  peakRssMiB: number;
}

const APPROVERS = [
  {
    name: 'Alice Approver',
    email: 'alice@cdt.example.gov',
    github: '@alice',
    team: '@ca-cdt/calnet-approvers',
  },
  { name: 'Bob Cgen', email: 'bob@cdt.example.gov', github: '@bob', team: '@ca-cdt/cgen-approvers' },
  { name: 'Dana Director', email: 'dana@cdt.example.gov', github: '@dana', team: '@ca-cdt/stnd-director' },
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

/** A fast-import stream, written as buffers so that byte counts are exact. */
class Stream {
  private readonly parts: Buffer[] = [];
  private mark = 0;
  text(s: string): void {
    this.parts.push(Buffer.from(s, 'utf8'));
  }
  data(content: string | Buffer): void {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    this.text(`data ${bytes.length}\n`);
    this.parts.push(bytes);
    this.text('\n');
  }
  blob(content: string | Buffer): number {
    this.mark += 1;
    this.text(`blob\nmark :${this.mark}\n`);
    this.data(content);
    return this.mark;
  }
  commit(options: {
    ref: string;
    who: { name: string; email: string };
    committer?: { name: string; email: string };
    time: number;
    message: string;
    from?: number;
    merge?: number;
    files: [string, number][];
  }): number {
    this.mark += 1;
    const by = options.committer ?? options.who;
    this.text(`commit ${options.ref}\nmark :${this.mark}\n`);
    this.text(`author ${options.who.name} <${options.who.email}> ${options.time} +0000\n`);
    this.text(`committer ${by.name} <${by.email}> ${options.time} +0000\n`);
    this.data(options.message);
    if (options.from !== undefined) this.text(`from :${options.from}\n`);
    if (options.merge !== undefined) this.text(`merge :${options.merge}\n`);
    for (const [path, blob] of options.files) this.text(`M 100644 :${blob} ${path}\n`);
    this.text('\n');
    return this.mark;
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function identities(): string {
  return `${JSON.stringify(
    {
      format: 1,
      director_team: '@ca-cdt/stnd-director',
      teams: {
        '@ca-cdt/stnd-director': { description: "The Director's team." },
        '@ca-cdt/calnet-approvers': { description: 'CALNET approvers.' },
        '@ca-cdt/cgen-approvers': { description: 'CGEN approvers.' },
      },
      people: APPROVERS.map((a) => ({
        github: a.github,
        name: a.name,
        emails: [a.email],
        teams: [{ team: a.team, from: '2020-01-01' }],
      })),
    },
    null,
    2,
  )}\n`;
}

const CODEOWNERS = `*                    @ca-cdt/stnd-director
/requests/calnet/    @ca-cdt/calnet-approvers
/requests/cgen/      @ca-cdt/cgen-approvers
/.github/CODEOWNERS  @ca-cdt/stnd-director
/governance/         @ca-cdt/stnd-director
`;

function buildHistory(repoDir: string, scratch: string): { commits: number; requestMerges: number } {
  const stream = new Stream();
  // The merges fall in the days the generated requests were written for (bench/generate.ts: submitted
  // 2026-10-01, contracts from 2027-01-01, judged as of 2026-11-22), so each request is judged at its
  // merge as its scenario intends and the register shows every outcome.
  const started = Date.parse('2026-11-20T16:00:00Z') / 1000;
  let time = started;
  const tick = (): number => {
    time += 60;
    return time;
  };
  const admin = { name: 'Repository Admin', email: 'admin@cdt.example.gov' };
  const github = { name: 'GitHub', email: 'noreply@github.com' };
  const agency = { name: 'Agency Staff', email: 'staff@agency.example.gov' };

  // The project's own policy and schemas, as they are in this working tree.
  const rootFiles: [string, number][] = [];
  for (const folder of ['policies', 'schemas']) {
    for (const f of filesUnder(join(repoRoot, folder))) {
      rootFiles.push([`${folder}/${f}`, stream.blob(readFileSync(join(repoRoot, folder, f)))]);
    }
  }
  rootFiles.push(['.github/CODEOWNERS', stream.blob(CODEOWNERS)]);
  rootFiles.push(['governance/identities.json', stream.blob(identities())]);
  let main = stream.commit({
    ref: 'refs/heads/main',
    who: admin,
    time: tick(),
    message: 'Start\n',
    files: rootFiles,
  });
  let commits = 1;

  // Requests and their documents, generated once; every tenth merge changes an earlier request instead.
  const fresh = Math.ceil(MERGES * 0.9);
  const generated = generateRequests(join(scratch, 'requests'), fresh);
  const rego = rootFiles.find(([path]) => path.endsWith('.rego') && !path.endsWith('_test.rego'));
  const regoText = rego ? readFileSync(join(repoRoot, rego[0])) : null;
  const policyEvery = Math.max(1, Math.floor(MERGES / POLICY_VERSIONS));
  let next = 0;
  let requestMerges = 0;
  for (let i = 1; i <= MERGES; i++) {
    if (i % policyEvery === 0 && rego && regoText) {
      // A new policy version: same rules, a different source, so it is compiled on its own.
      const blob = stream.blob(Buffer.concat([regoText, Buffer.from(`\n# policy revision ${i}\n`)]));
      const branch = stream.commit({
        ref: 'refs/heads/topic',
        who: admin,
        time: tick(),
        message: `Policy revision ${i}\n`,
        from: main,
        files: [[rego[0], blob]],
      });
      main = stream.commit({
        ref: 'refs/heads/main',
        who: APPROVERS[2] ?? admin,
        committer: github,
        time: tick(),
        message: `Merge pull request #${100_000 + i} from ca-cdt/policy-${i}\n`,
        from: main,
        merge: branch,
        files: [[rego[0], blob]],
      });
      commits += 2;
    }
    const modify = i % 10 === 0 && next > 0;
    const file = generated[modify ? (i * 7) % next : next] ?? generated[0];
    if (!file) break;
    if (!modify) next += 1;
    const inTree = relative(join(scratch, 'requests'), file.path);
    const program = inTree.split('/')[0] ?? 'calnet';
    const text = readFileSync(file.path, 'utf8');
    const files: [string, number][] = [
      [`requests/${inTree}`, stream.blob(modify ? `${text}# amended in merge ${i}\n` : text)],
    ];
    if (!modify) {
      const documents = file.path.replace(/\.yaml$/, '');
      for (const doc of filesUnder(documents)) {
        files.push([
          `requests/${relative(join(scratch, 'requests'), join(documents, doc))}`,
          stream.blob(readFileSync(join(documents, doc))),
        ]);
      }
    }
    const branch = stream.commit({
      ref: 'refs/heads/topic',
      who: agency,
      time: tick(),
      message: `Request ${i}\n`,
      from: main,
      files,
    });
    const approver = program === 'cgen' ? APPROVERS[1] : APPROVERS[0];
    main = stream.commit({
      ref: 'refs/heads/main',
      who: approver ?? admin,
      committer: github,
      time: tick(),
      message: `Merge pull request #${i} from ca-cdt/request-${i}\n\nRequest ${i}\n`,
      from: main,
      merge: branch,
      files,
    });
    commits += 2;
    requestMerges += 1;
  }
  stream.text('done\n');
  const result = spawnSync('git', ['fast-import', '--quiet', '--done'], {
    cwd: repoDir,
    input: stream.bytes(),
  });
  if (result.status !== 0) throw new Error(`git fast-import failed: ${result.stderr.toString()}`);
  return { commits, requestMerges };
}

const scratch = mkdtempSync(join(tmpdir(), 'bench-audit-'));
const repoDir = join(scratch, 'repo');
try {
  spawnSync('git', ['init', '--quiet', '--initial-branch=main', repoDir]);
  let t = performance.now();
  const built = buildHistory(repoDir, scratch);
  const generateSeconds = (performance.now() - t) / 1000;

  let compileSeconds = 0;
  const cache = new PolicyCache({
    repoDir,
    requestSchema: 'schemas/request.schema.json',
    build: async (dir) => {
      const started = performance.now();
      try {
        return await buildPolicy(dir);
      } finally {
        compileSeconds += (performance.now() - started) / 1000;
      }
    },
  });
  t = performance.now();
  const result = await runAudit({
    repoDir,
    branch: 'main',
    asOf: '2030-01-01',
    expiringWithinDays: 90,
    policyCache: cache,
  });
  const auditSeconds = (performance.now() - t) / 1000;

  // Again with every policy version already compiled: the cost of reading history and re-evaluating.
  t = performance.now();
  const warm = await runAudit({
    repoDir,
    branch: 'main',
    asOf: '2030-01-01',
    expiringWithinDays: 90,
    policyCache: cache,
  });
  const warmSeconds = (performance.now() - t) / 1000;

  // fast-import cannot sign, so the history's merges are unsigned (each one an unsigned-merge finding);
  // what checking GitHub's signatures costs is timed on a real GitHub-signed merge, once per merge.
  const keys = await readSigningKeys(readFileSync(join(repoRoot, MERGE_SIGNING_KEYS_PATH), 'utf8'));
  const realMerge = readFileSync(
    join(
      repoRoot,
      'test/support/fixtures/github/signed-commits/8b21545a6eeded8f00fac8cfb3f09d3ce8442be2.commit',
    ),
  );
  t = performance.now();
  for (let i = 0; i < built.requestMerges; i += 8) {
    const batch = Math.min(8, built.requestMerges - i);
    await Promise.all(Array.from({ length: batch }, () => checkCommitSignature(realMerge, keys)));
  }
  const signatureSeconds = (performance.now() - t) / 1000;

  const outcomes: Record<string, number> = {};
  for (const row of result.rows)
    outcomes[row.outcome ?? 'removed'] = (outcomes[row.outcome ?? 'removed'] ?? 0) + 1;
  const lines: [string, string][] = [
    [
      'machine',
      `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, OPA ${readToolchain().opa.version}`,
    ],
    [
      'history',
      `${built.commits} commits, ${built.requestMerges} request merges + ${POLICY_VERSIONS} policy merges (first-parent: ${result.stats.commits})`,
    ],
    ['generate (fast-import)', `${generateSeconds.toFixed(1)} s`],
    [
      'register rows',
      `${result.rows.length} (${Object.entries(outcomes)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
    ],
    ['violations', String(result.violations.length)],
    [
      'policy versions compiled',
      `${result.stats.compilations} (${compileSeconds.toFixed(1)} s of opa build)`,
    ],
    [
      'audit, whole run',
      `${auditSeconds.toFixed(1)} s (${((auditSeconds * 1000) / built.requestMerges).toFixed(2)} ms per merge)`,
    ],
    [
      'audit, policies cached',
      `${warmSeconds.toFixed(1)} s (${((warmSeconds * 1000) / built.requestMerges).toFixed(2)} ms per merge), ${warm.stats.compilations} compiled`,
    ],
    [
      'signature checks (real merge)',
      `${signatureSeconds.toFixed(1)} s for ${built.requestMerges} (${((signatureSeconds * 1000) / built.requestMerges).toFixed(2)} ms per merge)`,
    ],
    ['peak RSS', `${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`],
  ];
  if (values.json) {
    const figures: AuditFigures = {
      commits: built.commits,
      requestMerges: built.requestMerges,
      auditSeconds,
      signatureSeconds,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    writeFileSync(values.json, `${JSON.stringify(figures)}\n`);
  }
  const width = Math.max(...lines.map(([k]) => k.length));
  for (const [k, v] of lines) console.log(`${k.padEnd(width)}  ${v}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
