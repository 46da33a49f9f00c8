/**
 * `check --format sarif`: one SARIF 2.1.0 log that GitHub code scanning accepts, validated against the
 * official schema (shipped by Microsoft's @microsoft/jest-sarif), with every finding at its place.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import formatsPlugin from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { sarifText } from '../../scripts/render/escape.ts';
import { runCli } from '../support/cli.ts';
import { copyExample, examples, fixtures, scratchFolder } from '../support/requests.ts';

const require = createRequire(import.meta.url);
const schemaPath = join(
  require.resolve('@microsoft/jest-sarif/package.json'),
  '..',
  'lib/schemas/sarif-2.1.0-rtm.5.json',
);
const ajv = new Ajv04.default({ allErrors: true, strict: false, unicodeRegExp: false });
formatsPlugin.default(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { rules: { id: string }[] } };
    results: SarifResult[];
    properties: Record<string, string>;
  }[];
}

async function sarif(args: string[], cwd?: string, env?: Record<string, string>): Promise<SarifLog> {
  const run = await runCli(['check', '--format', 'sarif', '--date', '2026-11-22', ...args], {
    ...(cwd ? { cwd } : {}),
    ...(env ? { env } : {}),
  });
  const log = JSON.parse(run.stdout) as SarifLog;
  const valid = validate(log);
  expect(validate.errors ?? [], 'valid against the SARIF 2.1.0 schema').toEqual([]);
  expect(valid).toBe(true);
  return log;
}

describe('the SARIF log', () => {
  it('is valid SARIF 2.1.0 for every example, with the policy digest on the run', async () => {
    const log = await sarif([examples]);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.properties.policyDigest).toMatch(/^sha256:/);
    // The ATO-bound example's findings are warnings; the others have none, and notes are not alerts.
    const levels = new Set(log.runs[0]?.results.map((r) => r.level));
    expect([...levels]).toEqual(['warning']);
  });

  it('puts a format error and a policy finding at their lines, each under its rule', async () => {
    const { dir, remove } = scratchFolder('sarif');
    try {
      const file = copyExample(dir, 'calnet', 'dwr-2026-sd-wan');
      const text = readFileSync(file, 'utf8');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(
        file,
        text.replace('quantity: 6', 'quantity: six').replace('total: 120000.00', 'total: 130000.00'),
      );
      const log = await sarif([], dir);
      const results = log.runs[0]?.results ?? [];
      expect(results.map((r) => [r.ruleId, r.level])).toEqual([
        ['request-format', 'error'],
        ['cost-total-mismatch', 'error'],
      ]);
      const [format, policy] = results;
      expect(format?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
        'requests/calnet/dwr-2026-sd-wan.yaml',
      );
      expect(format?.locations[0]?.physicalLocation.region.startLine).toBe(29);
      expect(policy?.message.text).toContain('CALNET MSA policy, Procedures, fourth item');
      expect(log.runs[0]?.tool.driver.rules.map((r) => r.id)).toEqual([
        'cost-total-mismatch',
        'request-format',
      ]);
    } finally {
      remove();
    }
  });

  it('is valid for a file that could not be loaded, and for a run with nothing to report', async () => {
    const hostile = await sarif([join(fixtures, 'hostile', 'billion-laughs.yaml')]);
    expect(hostile.runs[0]?.results[0]?.ruleId).toBe('request-format');
    const clean = await sarif([join(examples, 'cgen')]);
    expect(clean.runs[0]?.results).toEqual([]);
  });

  it('keeps the fingerprint of a finding when it moves to another line', async () => {
    const { dir, remove } = scratchFolder('sarif-move');
    try {
      const file = copyExample(dir, 'calnet', 'dwr-2026-sd-wan');
      const { writeFileSync } = await import('node:fs');
      const text = readFileSync(file, 'utf8').replace('total: 120000.00', 'total: 130000.00');
      writeFileSync(file, text);
      const before = (await sarif([], dir)).runs[0]?.results[0];
      writeFileSync(file, `# a comment that moves every line down\n${text}`);
      const after = (await sarif([], dir)).runs[0]?.results[0];
      expect(after?.locations[0]?.physicalLocation.region.startLine).toBe(
        (before?.locations[0]?.physicalLocation.region.startLine ?? 0) + 1,
      );
      expect(after?.partialFingerprints).toEqual(before?.partialFingerprints);
    } finally {
      remove();
    }
  });
});

describe('the SARIF rules in a workflow', () => {
  it("link to the repository's policy reference when the run names the repository", async () => {
    const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'ca-cdt/telecom-exemptions' };
    const log = await sarif([join(examples, 'calnet', 'sac-county-2026-voice-local.yaml')], undefined, env);
    const rules = log.runs[0]?.tool.driver.rules as { helpUri?: string }[];
    expect(rules[0]?.helpUri).toBe(
      'https://github.com/ca-cdt/telecom-exemptions/blob/main/docs/policy-reference.md#deficiency-codes',
    );
  });
});

describe('the SARIF escaper', () => {
  it('makes brackets literal, so text a user wrote cannot be an embedded link', () => {
    expect(sarifText('see [here](1) \\ end')).toBe('see \\[here\\](1) \\\\ end');
  });

  it('shows control characters and bidi overrides as escapes, and cuts long text', () => {
    expect(sarifText('a\u001b[31mred\u202e')).toBe('a\\\\u001b\\[31mred\\\\u202e');
    expect(sarifText('x'.repeat(3000))).toHaveLength(2000);
  });
});
