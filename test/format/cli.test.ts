/**
 * The `validate` and `new` commands as agency staff run them, in a working folder of their own (in
 * process; test/cli/process.test.ts runs the real process).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/core/paths.ts';
import { loadRequestText } from '../../scripts/request/load.ts';
import { checkRequestFile } from '../../scripts/request/validate.ts';
import { runCli } from '../support/cli.ts';
import { copyExample, scratchFolder } from '../support/requests.ts';

const scratch = scratchFolder('cli');
afterAll(scratch.remove);

function exemptions(cwd: string, ...args: string[]) {
  return runCli(args, { cwd });
}

function workspace(name: string): string {
  const dir = join(scratch.dir, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('exemptions validate', () => {
  it('with --quiet prints only the problems and the last line', async () => {
    const run = await exemptions(
      repoRoot,
      'validate',
      '--quiet',
      'examples/requests/calnet/dwr-2026-sd-wan.yaml',
      'test/support/fixtures/requests/calnet/missing-fields.yaml',
    );
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('dwr-2026-sd-wan');
    expect(run.stdout).toContain('missing-fields.yaml:3:1');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      '2 request files checked: 1 valid, 1 invalid (2 errors)',
    );
  });

  it('reports every file of a batch mixing good and bad ones, and exits 1', async () => {
    const run = await exemptions(
      repoRoot,
      'validate',
      'examples/requests/calnet/dwr-2026-sd-wan.yaml',
      'test/support/fixtures/requests/calnet/wrong-forms.yaml',
      'test/support/fixtures/requests/hostile/tag-custom.yaml',
      'examples/requests/cgen/chp-2026-remote-sites.yaml',
    );
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      'examples/requests/calnet/dwr-2026-sd-wan.yaml: the format is valid',
      expect.stringMatching(
        /^test\/support\/fixtures\/requests\/calnet\/wrong-forms\.yaml:6:17 agency › code "dgs"/,
      ),
      expect.stringMatching(
        /^test\/support\/fixtures\/requests\/calnet\/wrong-forms\.yaml:12:14 services › item 1 › service/,
      ),
      expect.stringMatching(
        /^test\/support\/fixtures\/requests\/calnet\/wrong-forms\.yaml:15:71 services › item 1 › location › zip/,
      ),
      expect.stringMatching(/^test\/support\/fixtures\/requests\/hostile\/tag-custom\.yaml:4:7 tags such as/),
      'examples/requests/cgen/chp-2026-remote-sites.yaml: the format is valid',
      '4 request files checked: 2 valid, 2 invalid (4 errors)',
      '',
    ]);
  });

  it('checks every request under requests/ by default, but not the supporting documents, and exits 0', async () => {
    const dir = workspace('default');
    copyExample(dir, 'calnet', 'dwr-2026-sd-wan');
    copyExample(dir, 'cgen', 'chp-2026-remote-sites');
    // A YAML supporting document is a document, not a request.
    writeFileSync(join(dir, 'requests/cgen/chp-2026-remote-sites/vendor/inventory.yaml'), 'sites: 2\n');
    const run = await exemptions(dir, 'validate');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      [
        'requests/calnet/dwr-2026-sd-wan.yaml: the format is valid',
        'requests/cgen/chp-2026-remote-sites.yaml: the format is valid',
        '2 request files checked: the format is valid; run npx exemptions check for the policy',
        '',
      ].join('\n'),
    );
    expect((await exemptions(dir, 'validate', 'requests/cgen')).stdout).toContain(
      '1 request file checked: the format is valid; run npx exemptions check for the policy',
    );
  });

  it('says plainly when there is nothing to check, and exits 0', async () => {
    const run = await exemptions(workspace('empty'), 'validate');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      'No request files under requests/calnet/ or requests/cgen/ yet: nothing to check. To see decisions, try npx exemptions evaluate examples/requests\n',
    );
  });

  it('evaluates an empty requests/ in one line that shows how to try the examples, and exits 0', async () => {
    const run = await exemptions(workspace('empty'), 'evaluate');
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      'No request files under requests/calnet/ or requests/cgen/ yet: nothing to check. To see decisions, try npx exemptions evaluate examples/requests',
    ]);
    expect(run.stderr).toBe('');
  });

  it('exits 2 for a path that does not exist, after checking the others', async () => {
    const run = await exemptions(
      repoRoot,
      'validate',
      'no/such/request.yaml',
      'examples/requests/calnet/dwr-2026-sd-wan.yaml',
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no/such/request.yaml does not exist');
    expect(run.stdout).toContain('examples/requests/calnet/dwr-2026-sd-wan.yaml: the format is valid');
  });

  it('prints a file name with control characters escaped', async () => {
    const dir = workspace('names');
    mkdirSync(join(dir, 'drafts'));
    writeFileSync(join(dir, 'drafts', 'bad\nname.yaml'), '- not a mapping\n');
    const run = await exemptions(dir, 'validate', 'drafts');
    expect(run.stdout.split('\n')[0]).toMatch(/^drafts\/bad\\u000aname\.yaml:1:1 the top level/);
  });

  it('has help', async () => {
    const run = await exemptions(repoRoot, 'validate', '--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Exit 0 all valid, 1 any invalid, 2 usage error');
  });
});

/**
 * Fills in a skeleton the way a person does in an editor: each blank "name:" line whose place in the
 * request is listed gets its value written after the colon; the lines of dropped blocks are deleted.
 */
function fillIn(text: string, values: Record<string, unknown>, drop: string[]): string {
  const stack: { indent: number; segment: string }[] = [];
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const field = /^(\s*)(- )?([a-z_]+):(.*)$/.exec(line);
    if (!field) {
      out.push(line);
      continue;
    }
    const [, spaces = '', dash, key = '', rest = ''] = field;
    let indent = spaces.length;
    if (dash) {
      while (stack.length > 0 && (stack.at(-1)?.indent ?? 0) > indent) stack.pop();
      // A further "- " at the same indentation is the next item of the same list.
      const previous = stack.at(-1)?.indent === indent ? stack.pop() : undefined;
      stack.push({ indent, segment: previous ? String(Number(previous.segment) + 1) : '0' });
      indent += 2;
    }
    while (stack.length > 0 && (stack.at(-1)?.indent ?? 0) >= indent) stack.pop();
    stack.push({ indent, segment: key });
    const path = stack.map((s) => s.segment).join('/');
    if (drop.some((d) => path === d || path.startsWith(`${d}/`))) continue;
    out.push(rest.trim() === '' && path in values ? `${line} ${JSON.stringify(values[path])}` : line);
  }
  return out.join('\n');
}

/** What a CALNET applicant on the functionality ground writes into the skeleton. */
const CALNET_ANSWERS: Record<string, unknown> = {
  'agency/name': 'Department of General Services',
  'submitted/date': '2026-10-01',
  'submitted/by/name': 'Jordan Lee',
  'submitted/by/email': 'jordan.lee@dgs.ca.gov',
  'submitted/by/role': 'aio',
  'project/name': 'Office network refresh',
  'services/0/service': 'wan-data',
  'services/0/type': 'Ethernet 1 Gbps',
  'services/0/quantity': 2,
  'services/0/location/street': '707 Third Street',
  'services/0/location/city': 'West Sacramento',
  'services/0/location/zip': '95605',
  need: 'The offices need resilient links.',
  ramifications: 'Offices would lose the case system during outages.',
  program_shortfall: 'No CALNET carrier serves the site.',
  'reason/kind': 'technical',
  'reason/explanation': 'No CALNET carrier serves the site.',
  'grounds/functionality/lacking': ['availability'],
  'grounds/functionality/explanation': 'No CALNET carrier serves the site.',
  'contract/provider': 'Acme Networks Inc.',
  'contract/length_months': 36,
  'contract/start_date': '2027-01-01',
  'contract/purchase_date': '2026-12-15',
  'contract/terms': 'Fixed monthly price.',
  'contract/early_termination': 'none',
  'contract/optional_extensions': 'none',
  'contract/renewal/renews_outside_contract': false,
  'contract/sla/terms': '99.9% availability.',
  'contract/sla/remedies': 'Service credits.',
  'cost/total': 1000,
  'cost/items/0/item': 'Circuits',
  'cost/items/0/amount': 1000,
  'attachments/0/file': 'vendor/quote.md',
  'attachments/0/kind': 'vendor-documentation',
  'attachments/0/title': 'Acme quote',
};

describe('exemptions new', () => {
  it('writes a commented CALNET skeleton and its documents folder, which validate once filled in', async () => {
    const dir = workspace('new-calnet');
    const run = await exemptions(dir, 'new', '--program', 'calnet', '--agency', 'DGS');
    expect(run.status).toBe(0);
    const [, id] = /Wrote requests\/calnet\/(dgs-\d{4}-01)\.yaml/.exec(run.stdout) ?? [];
    expect(id).toBeDefined();
    const file = join(dir, 'requests', 'calnet', `${id}.yaml`);
    const text = readFileSync(file, 'utf8');

    // It parses, and each field is explained with its clause for people who are not developers.
    expect(loadRequestText(file, text).errors).toEqual([]);
    expect(text).toContain(`\nid: ${id}\n`);
    expect(text).toContain('\nprogram: calnet\n');
    expect(text).toContain('  code: DGS');
    expect(text).toMatch(
      /# What happens to the agency and the public if the need is not met\. Required for CALNET \(CALNET MSA\n# policy, Exemption Requests, requirements, third item\)\.\nramifications:/,
    );
    expect(text).toContain('# One of: technical, financial.');
    expect(text).not.toContain('approvals:');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(110);

    // Unfilled, it fails validation at the fields to fill in.
    const unfilled = await exemptions(dir, 'validate');
    expect(unfilled.status).toBe(1);
    expect(unfilled.stdout).toContain(`requests/calnet/${id}.yaml:`);
    expect(unfilled.stdout).toContain('need is empty; fill in text');

    // Filled in, with its document in the folder, it is valid.
    writeFileSync(
      file,
      fillIn(text, CALNET_ANSWERS, [
        'project/reference',
        'services/0/location/site',
        'grounds/cost_ipr',
        'grounds/fsr',
      ]),
    );
    mkdirSync(join(dir, 'requests', 'calnet', `${id}`, 'vendor'));
    writeFileSync(join(dir, 'requests', 'calnet', `${id}`, 'vendor', 'quote.md'), 'Quote.\n');
    expect(checkRequestFile(file).errors).toEqual([]);
    expect(readFileSync(file, 'utf8')).toContain('# Why the services are needed');
  });

  it('writes a CGEN skeleton with the AIO and CIO approvals to fill in, which validates once filled in', async () => {
    const dir = workspace('new-cgen');
    const run = await exemptions(
      dir,
      'new',
      '--program',
      'cgen',
      '--agency',
      'CHP',
      '--id',
      'chp-2026-remote-sites',
    );
    expect(run.status).toBe(0);
    const text = readFileSync(join(dir, 'requests/cgen/chp-2026-remote-sites.yaml'), 'utf8');
    expect(text).toContain('approvals:\n  - role: aio\n    name:\n    date:\n  - role: cio');
    expect(text).toContain('# One of: technical, business.');
    expect(text).not.toMatch(/^ramifications:|^project:|cost_ipr:|renewal:/m);
    expect(readFileSync(join(dir, 'requests/cgen/chp-2026-remote-sites/README.md'), 'utf8')).toContain(
      'supporting document',
    );
    const answers: Record<string, unknown> = {
      ...CALNET_ANSWERS,
      'approvals/0/name': 'Karen Nguyen',
      'approvals/0/date': '2026-10-01',
      'approvals/1/name': 'Luis Herrera',
      'approvals/1/date': '2026-10-02',
      'reason/kind': 'business',
      'contract/sla/available': true,
      'attachments/0/file': 'vendor/quote.md',
    };
    const file = join(dir, 'requests/cgen/chp-2026-remote-sites.yaml');
    writeFileSync(file, fillIn(text, answers, ['services/0/location/site']));
    mkdirSync(join(dir, 'requests/cgen/chp-2026-remote-sites/vendor'));
    writeFileSync(join(dir, 'requests/cgen/chp-2026-remote-sites/vendor/quote.md'), 'Quote.\n');
    expect(checkRequestFile(file).errors).toEqual([]);
  });

  it('numbers default ids and refuses to overwrite an existing request', async () => {
    const dir = workspace('new-twice');
    expect((await exemptions(dir, 'new', '--program', 'calnet', '--agency', 'DMV')).status).toBe(0);
    const second = await exemptions(dir, 'new', '--program', 'cgen', '--agency', 'DMV');
    expect(second.stdout).toMatch(/Wrote requests\/cgen\/dmv-\d{4}-02\.yaml/);
    const clash = await exemptions(
      dir,
      'new',
      '--program',
      'calnet',
      '--agency',
      'DMV',
      '--id',
      second.stdout.match(/dmv-\d{4}-02/)?.[0] ?? '',
    );
    expect(clash.status).toBe(2);
    expect(clash.stderr).toContain('already exists');
  });

  it('refuses a malformed agency code or id, and a missing program', async () => {
    const dir = workspace('new-bad');
    expect((await exemptions(dir, 'new', '--program', 'calnet', '--agency', 'dgs')).stderr).toContain(
      '--agency must be',
    );
    expect(
      (await exemptions(dir, 'new', '--program', 'calnet', '--agency', 'DGS', '--id', '../x')).stderr,
    ).toContain('--id must be');
    expect((await exemptions(dir, 'new', '--agency', 'DGS')).status).toBe(2);
    expect((await exemptions(dir, 'new', '--program', 'cmas', '--agency', 'DGS')).status).toBe(2);
  });
});
