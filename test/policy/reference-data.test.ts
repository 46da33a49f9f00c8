/**
 * The reference data the policy decides with: each file valid against its strict JSON Schema, no key that
 * a YAML 1.1 reader would take for a boolean, number or null, the codes of the shared contract present
 * with the statuses the texts give them, and the files consistent with each other (an ATO lists catalog
 * services).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/core/paths.ts';
import { pointerFrom } from '../../scripts/request/load.ts';
import { yaml11Reading } from '../../scripts/request/yaml11.ts';

const read = (path: string) => JSON.parse(readFileSync(join(repoRoot, path), 'utf8'));

function validator() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  formatsPlugin.default(ajv, ['date']);
  return ajv;
}

const FILES = ['agencies', 'services', 'thresholds', 'clauses'] as const;
const READ_AS = { boolean: 'a boolean', number: 'a number', null: 'null' } as const;
const BY_YAML11 = 'by YAML 1.1 readers such as PyYAML and conftest';

/**
 * The keys of a reference file that YAML 1.1 readers (PyYAML, conftest) would read as a boolean, number
 * or null once the data is written as YAML with plain keys, as a YAML 1.2 writer may write them. JSON keys
 * are text, so only such a conversion changes them; the data must not depend on a converter quoting them.
 */
function yaml11Keys(file: string, value: unknown, path: readonly (string | number)[] = []): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => yaml11Keys(file, item, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const at = [...path, key];
    const reading = yaml11Reading(key);
    const own = reading
      ? [
          `${file} ${pointerFrom(at)}: the key "${key}" is read as ${READ_AS[reading]} ${BY_YAML11}; rename it`,
        ]
      : [];
    return [...own, ...yaml11Keys(file, inner, at)];
  });
}

const agencies = read('policies/reference/agencies.json').agencies as Record<string, Record<string, unknown>>;
const services = read('policies/reference/services.json').services as Record<
  string,
  { mandatory: boolean; cgen_scope: boolean }
>;
const thresholds = read('policies/reference/thresholds.json').thresholds as Record<string, number>;

describe('reference data', () => {
  it.each(FILES.map((f) => [f]))('%s.json is valid against its schema', (name) => {
    const validate = validator().compile(read(`schemas/reference/${name}.schema.json`));
    const valid = validate(read(`policies/reference/${name}.json`));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(FILES.map((f) => [f]))('the %s schema rejects an entry it does not describe', (name) => {
    const validate = validator().compile(read(`schemas/reference/${name}.schema.json`));
    const data = read(`policies/reference/${name}.json`);
    const broken = { ...data, [name]: { ...data[name], 'Not A Key': { surprise: true } } };
    expect(validate(broken)).toBe(false);
  });

  it.each(
    FILES.map((f) => [f]),
  )('%s.json has no key that YAML 1.1 readers would read as a boolean, number or null', (name) => {
    const file = `policies/reference/${name}.json`;
    expect(yaml11Keys(file, read(file))).toEqual([]);
  });

  it('names the file and the key path of each such key, at any depth', () => {
    const file = 'policies/reference/agencies.json';
    const data = read(file);
    const broken = {
      ...data,
      agencies: {
        ...data.agencies,
        ON: { name: 'Office of Nothing', status: 'executive-branch' },
        'SAC-COUNTY': {
          ...data.agencies['SAC-COUNTY'],
          ato_agreements: [{ services: ['voice-local'], start_date: '2025-03-01', '1': 'x', '~': 'y' }],
        },
      },
    };
    expect(yaml11Keys(file, broken)).toEqual([
      'policies/reference/agencies.json /agencies/SAC-COUNTY/ato_agreements/0/1: the key "1" is read as a number by YAML 1.1 readers such as PyYAML and conftest; rename it',
      'policies/reference/agencies.json /agencies/SAC-COUNTY/ato_agreements/0/~0: the key "~" is read as null by YAML 1.1 readers such as PyYAML and conftest; rename it',
      'policies/reference/agencies.json /agencies/ON: the key "ON" is read as a boolean by YAML 1.1 readers such as PyYAML and conftest; rename it',
    ]);
    expect(yaml11Keys('services.json', { services: { on: {}, 'on-net': {} } })).toEqual([
      'services.json /services/on: the key "on" is read as a boolean by YAML 1.1 readers such as PyYAML and conftest; rename it',
    ]);
  });

  it('names each clause after its program and writes each clause once', () => {
    const clauses = read('policies/reference/clauses.json').clauses as Record<
      string,
      { program: string; section: string; paraphrase: string }
    >;
    const seen = new Map<string, string>();
    for (const [id, clause] of Object.entries(clauses)) {
      expect(id.split('.')[0], id).toBe(clause.program);
      const words = `${clause.program}|${clause.section}|${clause.paraphrase}`;
      expect(seen.get(words), `${id} repeats ${seen.get(words)}`).toBeUndefined();
      seen.set(words, id);
    }
  });

  it('knows the executive-branch agencies of the contract', () => {
    for (const code of ['DGS', 'CDT', 'DMV', 'CDPH', 'CHP', 'DWR'])
      expect(agencies[code]?.status, code).toBe('executive-branch');
  });

  it('has an entry for every exempt category the texts name', () => {
    const categories = Object.fromEntries(
      ['UC', 'CSU', 'SMC', 'CMA', 'SCO', 'SOS', 'SCIF', 'LOTTERY'].map((code) => [
        code,
        agencies[code]?.exempt_category,
      ]),
    );
    expect(categories).toEqual({
      UC: 'university',
      CSU: 'university',
      SMC: 'community-college',
      CMA: 'college',
      SCO: 'constitutional-officer',
      SOS: 'constitutional-officer',
      SCIF: 'state-compensation-insurance-fund',
      LOTTERY: 'lottery',
    });
  });

  it('places the Legislature and the Judicial Council outside the Executive Branch', () => {
    expect(agencies['LEG-ASM']).toMatchObject({ status: 'outside-executive-branch', branch: 'legislative' });
    expect(agencies['JUD-CC']).toMatchObject({ status: 'outside-executive-branch', branch: 'judicial' });
  });

  it('records the ATO agreements of the local agencies', () => {
    expect(agencies['SAC-COUNTY']?.ato_agreements).toEqual([
      { services: ['voice-local'], start_date: '2025-03-01' },
    ]);
    expect(agencies['FRESNO-CITY']?.ato_agreements).toEqual([
      { services: ['wan-data'], start_date: '2024-06-01' },
    ]);
  });

  it('lists only catalog services on ATO agreements', () => {
    const listed = Object.values(agencies).flatMap((a) =>
      ((a.ato_agreements as { services: string[] }[] | undefined) ?? []).flatMap((x) => x.services),
    );
    expect(listed.filter((id) => !(id in services))).toEqual([]);
  });

  it('marks each service of the contract mandatory and in CGEN scope as agreed', () => {
    expect(services).toMatchObject({
      'wan-data': { mandatory: true, cgen_scope: true },
      'internet-access': { mandatory: true, cgen_scope: true },
      'voice-local': { mandatory: true, cgen_scope: false },
      'voice-long-distance': { mandatory: true, cgen_scope: false },
      wireless: { mandatory: true, cgen_scope: false },
      'contact-center': { mandatory: false, cgen_scope: false },
      'video-conferencing': { mandatory: false, cgen_scope: false },
      'satellite-data': { mandatory: false, cgen_scope: true },
    });
  });

  it('holds the thresholds of the texts: about 20% savings, a two-year ATO, 30 days of notice', () => {
    expect(thresholds.ipr_savings_threshold_basis_points).toBe(2000);
    expect(thresholds.ato_term_years).toBe(2);
    expect(thresholds.ato_notice_calendar_days).toBe(30);
    expect(thresholds.ipr_near_threshold_band_basis_points).toBeLessThan(2000);
  });
});
