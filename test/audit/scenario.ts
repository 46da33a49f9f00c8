/**
 * The history the audit tests read: a repository with its own small policy (three versions), schema,
 * reference data, CODEOWNERS (three versions) and identity mapping, and twenty commits on main that
 * between them show every way a request or a governance file can reach the branch. The policy is the
 * repository's own, so the tests do not depend on the project's real, changing policy.
 */
import { type AuditResult, runAudit } from '../../scripts/audit/audit.ts';
import { capabilities, type Files, type Person, Repository } from '../support/repository.ts';
import { signedMerge, signTip, TRUSTED_SIGNING_KEY } from '../support/signing.ts';

export const ADMIN: Person = { name: 'Repository Admin', email: 'admin@cdt.example.gov' };
export const ALICE: Person = { name: 'Alice Approver', email: 'alice@cdt.example.gov' };
export const BOB: Person = { name: 'Bob Cgen', email: 'bob@cdt.example.gov' };
export const CAROL: Person = { name: 'Carol Named', email: 'carol@cdt.example.gov' };
export const DANA: Person = { name: 'Dana Director', email: 'dana@cdt.example.gov' };
export const ERIN: Person = { name: 'Erin Former', email: 'erin@cdt.example.gov' };
export const AGENCY: Person = { name: 'Agency Staff', email: 'staff@agency.example.gov' };

/**
 * v1 passes `expect` through (default ready-for-decision); v2 also finds a request without `need`
 * incomplete; v3 names the cost ground instead of functionality, so a row shows which version judged it.
 */
export function policy(version: 1 | 2 | 3): string {
  const needRule =
    version >= 2
      ? '\noutcome := "incomplete" if {\n\tnot input.request.need\n\tnot input.request.expect\n}\n'
      : '';
  const ground = version === 3 ? 'cost-ipr' : 'functionality';
  return `package exemptions

default outcome := "ready-for-decision"

outcome := input.request.expect if input.request.expect
${needRule}
decision := {
\t"outcome": outcome,
\t"program": input.request.program,
\t"reasons": [],
\t"grounds": ["${ground}"],
\t"deficiencies": [],
\t"notes": [],
\t"approver": null,
\t"citations": [],
}
`;
}

export const REQUEST_SCHEMA = `${JSON.stringify(
  {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:fixture:request',
    type: 'object',
    required: ['format', 'id', 'program', 'agency', 'contract'],
    properties: {
      format: { const: 1 },
      id: { type: 'string' },
      program: { enum: ['calnet', 'cgen'] },
      agency: {
        description: 'The requesting agency.',
        type: 'object',
        required: ['code'],
        properties: { code: { type: 'string' } },
      },
      contract: {
        type: 'object',
        required: ['start_date', 'length_months'],
        properties: {
          start_date: { type: 'string', format: 'date' },
          length_months: { type: 'integer', minimum: 1 },
        },
      },
    },
  },
  null,
  2,
)}\n`;

const REFERENCE_AGENCIES = `${JSON.stringify(
  {
    agencies: {
      DGS: { name: 'Department of General Services', status: 'executive-branch' },
      'SAC-COUNTY': {
        name: 'County of Sacramento',
        status: 'local-government',
        ato_agreements: [{ services: ['voice-local'], start_date: '2025-03-01' }],
      },
    },
  },
  null,
  2,
)}\n`;

const REFERENCE_THRESHOLDS = `${JSON.stringify({ thresholds: { ato_term_years: 2 } }, null, 2)}\n`;

export const IDENTITIES = `${JSON.stringify(
  {
    format: 1,
    director_team: '@ca-cdt/stnd-director',
    teams: {
      '@ca-cdt/stnd-director': { description: "The Director's team." },
      '@ca-cdt/calnet-approvers': { description: 'CALNET approvers.' },
      '@ca-cdt/cgen-approvers': { description: 'CGEN approvers.' },
    },
    people: [
      {
        github: '@alice',
        name: ALICE.name,
        emails: [ALICE.email],
        teams: [{ team: '@ca-cdt/calnet-approvers', from: '2026-01-01' }],
      },
      {
        github: '@bob',
        name: BOB.name,
        emails: [BOB.email, '4242+bob@users.noreply.github.com'],
        teams: [{ team: '@ca-cdt/cgen-approvers', from: '2026-01-01' }],
      },
      { github: '@carol', name: CAROL.name, emails: [CAROL.email], teams: [] },
      {
        github: '@dana',
        name: DANA.name,
        emails: [DANA.email],
        teams: [
          { team: '@ca-cdt/stnd-director', from: '2025-07-01', designated_by: 'Director memo 2025-14' },
        ],
      },
      {
        github: '@erin',
        name: ERIN.name,
        emails: [ERIN.email],
        teams: [{ team: '@ca-cdt/calnet-approvers', from: '2025-01-01', until: '2026-01-10' }],
      },
    ],
  },
  null,
  2,
)}\n`;

/** The mapping with one more person in it (and no team). */
function withPerson(person: { github: string; name: string; emails: string[] }): string {
  const mapping = JSON.parse(IDENTITIES) as { people: unknown[] };
  mapping.people.push({ ...person, teams: [] });
  return `${JSON.stringify(mapping, null, 2)}\n`;
}

export const CODEOWNERS_V1 = `# Requests are approved by the program's designated approvers.
*                    @ca-cdt/stnd-director
/requests/calnet/    @ca-cdt/calnet-approvers
/requests/cgen/      @ca-cdt/cgen-approvers   # CGEN goes to the CTO's designees
/.github/CODEOWNERS  @ca-cdt/stnd-director
/governance/         @ca-cdt/stnd-director
`;
const CODEOWNERS_V2 = CODEOWNERS_V1.replace(
  '/requests/calnet/    @ca-cdt/calnet-approvers',
  '/requests/calnet/    @ca-cdt/calnet-approvers @carol',
);
const CODEOWNERS_V3 = CODEOWNERS_V2.replace(
  '/requests/cgen/      @ca-cdt/cgen-approvers',
  '/requests/cgen/      @ca-cdt/cgen-approvers @alice',
);

export interface RequestSpec {
  id: string;
  program: 'calnet' | 'cgen';
  agency?: string;
  start?: string;
  months?: number;
  need?: boolean;
  expect?: string;
  /** The id of the granted exemption the request renews. */
  renews?: string;
}

export function request(spec: RequestSpec): string {
  const lines = ['format: 1', `id: ${spec.id}`, `program: ${spec.program}`];
  if (spec.agency !== '') lines.push('agency:', `  code: ${spec.agency ?? 'DGS'}`);
  if (spec.need !== false) lines.push('need: Sites need service the program cannot provide.');
  if (spec.expect) lines.push(`expect: ${spec.expect}`);
  if (spec.renews) lines.push(`renews: ${spec.renews}`);
  lines.push(
    'contract:',
    '  provider: Acme Networks Inc.',
    `  start_date: ${spec.start ?? '2026-03-01'}`,
    `  length_months: ${spec.months ?? 36}`,
  );
  return `${lines.join('\n')}\n`;
}

export const file = (program: string, id: string): string => `requests/${program}/${id}.yaml`;

/** The files of a CALNET request with this id, for a commit or a merge. */
export const calnetRequest = (id: string, spec: Partial<RequestSpec> = {}): Files => ({
  [file('calnet', id)]: request({ id, program: 'calnet', ...spec }),
});

/** The audit of a test history's main branch as of `asOf`, without GitHub. */
export function auditOf(repo: Repository, asOf = '2027-01-15'): Promise<AuditResult> {
  return runAudit({ repoDir: repo.dir, branch: 'main', asOf, expiringWithinDays: 90 });
}

/** The commits of the scenario, by what they show. */
export interface Scenario {
  repo: Repository;
  c: Record<string, string>;
}

const policyFiles = (version: 1 | 2 | 3): Files => ({
  'policies/exemptions/decision.rego': policy(version),
});

/** The repository's first commit: its policy (v1), schema, reference data, CODEOWNERS and identities. */
export function foundationFiles(): Files {
  return {
    'README.md': '# Exemption requests\n',
    'policies/capabilities.json': capabilities(),
    'policies/reference/agencies.json': REFERENCE_AGENCIES,
    'policies/reference/thresholds.json': REFERENCE_THRESHOLDS,
    ...policyFiles(1),
    'schemas/request.schema.json': REQUEST_SCHEMA,
    '.github/CODEOWNERS': CODEOWNERS_V1,
    'governance/identities.json': IDENTITIES,
    'governance/merge-signing-keys.asc': TRUSTED_SIGNING_KEY,
  };
}

/** Builds the scenario; GitHub's merges are signed with the trusted test key, as GitHub signs its own. */
export async function buildScenario(): Promise<Scenario> {
  const repo = new Repository();
  const c: Record<string, string> = {};

  c.root = repo.commit('Start the repository', foundationFiles(), ADMIN);
  // Erin is still a CALNET approver (until 2026-01-10).
  c.pr1 = (
    await signedMerge(
      repo,
      1,
      'dgs-wan',
      {
        [file('calnet', 'dgs-wan')]: request({
          id: 'dgs-wan',
          program: 'calnet',
          start: '2026-03-01',
          months: 12,
        }),
        'requests/calnet/dgs-wan/quote.pdf': 'quote v1\n',
      },
      AGENCY,
      ERIN,
    )
  ).merge;
  // Carol is in no team and CODEOWNERS does not name her yet.
  c.pr2 = (
    await signedMerge(
      repo,
      2,
      'dmv-voice',
      {
        [file('calnet', 'dmv-voice')]: request({ id: 'dmv-voice', program: 'calnet' }),
        'requests/calnet/dmv-voice/quote.pdf': 'quote\n',
      },
      AGENCY,
      CAROL,
    )
  ).merge;
  // Alice approves CALNET, not CGEN.
  c.pr3 = (
    await signedMerge(
      repo,
      3,
      'cdt-net',
      { [file('cgen', 'cdt-net')]: request({ id: 'cdt-net', program: 'cgen' }) },
      AGENCY,
      ALICE,
    )
  ).merge;
  c.pr4 = (
    await signedMerge(repo, 4, 'owners-carol', { '.github/CODEOWNERS': CODEOWNERS_V2 }, ADMIN, DANA)
  ).merge;
  c.pr5 = (
    await signedMerge(
      repo,
      5,
      'chp-radio',
      {
        [file('calnet', 'chp-radio')]: request({
          id: 'chp-radio',
          program: 'calnet',
          start: '2026-06-01',
          months: 24,
        }),
        'requests/calnet/chp-radio/quote.pdf': 'quote v1\n',
      },
      AGENCY,
      CAROL,
    )
  ).merge;
  // A CODEOWNERS change merged by someone outside the Director's team.
  c.pr6 = (
    await signedMerge(repo, 6, 'owners-alice', { '.github/CODEOWNERS': CODEOWNERS_V3 }, ALICE, ALICE)
  ).merge;
  // An edit after approval, pushed straight to main.
  c.push7 = repo.commit(
    'Fix the start date',
    {
      [file('calnet', 'dgs-wan')]: request({
        id: 'dgs-wan',
        program: 'calnet',
        start: '2026-03-15',
        months: 12,
      }),
    },
    BOB,
  );
  c.squash8 = repo.squashMerge(
    8,
    'Add the DWR satellite request',
    { [file('cgen', 'dwr-sat')]: request({ id: 'dwr-sat', program: 'cgen' }) },
    BOB,
  );
  c.squash8 = await signTip(repo);
  c.rebase9 = repo.rebaseMerge(
    'Longer CDT contract',
    { [file('cgen', 'cdt-net')]: request({ id: 'cdt-net', program: 'cgen', months: 48 }) },
    AGENCY,
  );
  c.rebase9 = await signTip(repo);
  c.pr10 = (await signedMerge(repo, 10, 'policy-v2', policyFiles(2), ADMIN, DANA)).merge;
  // Judged by v2: no `need`, so incomplete.
  c.pr11 = (
    await signedMerge(
      repo,
      11,
      'dgs-phones',
      { [file('calnet', 'dgs-phones')]: request({ id: 'dgs-phones', program: 'calnet', need: false }) },
      AGENCY,
      ALICE,
    )
  ).merge;
  // The request and policy v3 in one pull request: judged by v2, the policy of the first parent.
  c.pr12 = (
    await signedMerge(
      repo,
      12,
      'cdph-lab',
      { [file('calnet', 'cdph-lab')]: request({ id: 'cdph-lab', program: 'calnet' }), ...policyFiles(3) },
      AGENCY,
      ALICE,
    )
  ).merge;
  // A later change to an approved request, with its own approval.
  c.pr13 = (
    await signedMerge(
      repo,
      13,
      'dgs-wan-extend',
      {
        [file('calnet', 'dgs-wan')]: request({
          id: 'dgs-wan',
          program: 'calnet',
          start: '2026-04-01',
          months: 12,
        }),
      },
      AGENCY,
      ALICE,
    )
  ).merge;
  // Erin's membership ended on 2026-01-10.
  c.pr14 = (
    await signedMerge(
      repo,
      14,
      'dwr-fiber',
      {
        [file('calnet', 'dwr-fiber')]: request({
          id: 'dwr-fiber',
          program: 'calnet',
          expect: 'not-required',
        }),
      },
      AGENCY,
      ERIN,
    )
  ).merge;
  c.local15 = repo.localMerge(
    'sco-x',
    { [file('calnet', 'sco-x')]: request({ id: 'sco-x', program: 'calnet', expect: 'not-required' }) },
    ALICE,
  );
  c.pr16 = (
    await signedMerge(
      repo,
      16,
      'bad',
      {
        [file('calnet', 'bad')]: request({
          id: 'bad',
          program: 'calnet',
          agency: '',
          expect: 'ready-for-decision',
        }),
      },
      AGENCY,
      ALICE,
    )
  ).merge;
  c.pr17 = (
    await signedMerge(
      repo,
      17,
      'withdraw-dmv',
      { [file('calnet', 'dmv-voice')]: null, 'requests/calnet/dmv-voice/quote.pdf': null },
      AGENCY,
      ALICE,
    )
  ).merge;
  c.pr18 = (
    await signedMerge(
      repo,
      18,
      'chp-quote',
      { 'requests/calnet/chp-radio/quote.pdf': 'quote v2\n' },
      AGENCY,
      ALICE,
    )
  ).merge;
  c.push19 = repo.commit(
    'Owners tweak',
    { '.github/CODEOWNERS': `${CODEOWNERS_V3}/docs/ @ca-cdt/stnd-director\n` },
    ADMIN,
  );
  c.squash20 = repo.squashMerge(
    20,
    'Add Frank to the mapping',
    {
      'governance/identities.json': withPerson({
        github: '@frank',
        name: 'Frank',
        emails: ['frank@cdt.example.gov'],
      }),
    },
    ADMIN,
  );
  c.squash20 = await signTip(repo);
  return { repo, c };
}
