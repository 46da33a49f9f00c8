/**
 * The page's own parts, without a browser: the YAML it writes reads back as the same request with no
 * problem, the place and the GitHub links of a request, the form's empty fillers, the form's schema and
 * its conditional sections, and the site's configuration.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UsageError } from '../../scripts/core/errors.ts';
import { repoRoot } from '../../scripts/core/paths.ts';
import { loadRequestText } from '../../scripts/request/load.ts';
import { requestSchema } from '../../scripts/request/validate.ts';
import { buildArguments, siteConfig } from '../../scripts/tools/build-web.ts';
import { withoutFillers } from '../../web/src/form-data.ts';
import {
  fieldTitle,
  formLayout,
  formSchema,
  HIDDEN_SECTION,
  SECTION_ORDER,
} from '../../web/src/form-schema.ts';
import { proposeUrl, uploadUrl } from '../../web/src/propose.ts';
import { requestPlace } from '../../web/src/request-path.ts';
import { requestYaml } from '../../web/src/request-yaml.ts';
import { examples, scratchFolder } from '../support/requests.ts';

const site = { repository: 'example-agency/exemption-requests', branch: 'trunk' };

describe('the YAML the page writes', () => {
  const files = ['calnet', 'cgen'].flatMap((program) =>
    readdirSync(join(examples, program))
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => join(examples, program, name)),
  );

  it.each(files)('reads back as the same request with no problem: %s', (file) => {
    const request = parse(readFileSync(file, 'utf8'));
    const written = requestYaml(request);
    const loaded = loadRequestText('written.yaml', written);
    expect(loaded.errors).toEqual([]);
    expect(loaded.request).toEqual(request);
    expect(written.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/request.schema.json');
  });

  it('quotes what a YAML 1.1 reader would take for something else, and puts the sections in order', () => {
    const written = requestYaml({ need: 'yes', id: 'x-1', submitted: { date: '2026-10-01' }, zip: '95966' });
    expect(written).toContain('need: "yes"');
    expect(written).toContain('date: "2026-10-01"');
    expect(written).toContain('zip: "95966"');
    expect(written.indexOf('id:')).toBeLessThan(written.indexOf('need:'));
  });
});

describe('where a request goes', () => {
  it('is requests/<program>/<id>.yaml with its documents in the folder of that name', () => {
    expect(requestPlace({ program: 'cgen', id: 'chp-2026-remote-sites' })).toEqual({
      folder: 'requests/cgen',
      name: 'chp-2026-remote-sites.yaml',
      path: 'requests/cgen/chp-2026-remote-sites.yaml',
      documents: 'requests/cgen/chp-2026-remote-sites',
    });
  });

  it.each([
    ['../../x'],
    ['a/b'],
    ['..'],
    [''],
    [42],
    [undefined],
  ])('never leaves its folder for the id %j', (id) => {
    const place = requestPlace({ program: 'calnet', id });
    expect(place.path).toBe('requests/calnet/request.yaml');
  });

  it('is proposed on GitHub as a new file with the YAML, and its documents are uploaded into its folder', () => {
    const yaml = 'id: a&b=c #1\nneed: "50% off"\n';
    const url = new URL(proposeUrl(site, 'requests/calnet/a.yaml', yaml));
    expect(`${url.origin}${url.pathname}`).toBe(
      'https://github.com/example-agency/exemption-requests/new/trunk',
    );
    expect([...url.searchParams.keys()]).toEqual(['filename', 'value']);
    expect(url.searchParams.get('filename')).toBe('requests/calnet/a.yaml');
    expect(url.searchParams.get('value')).toBe(yaml);
    expect(uploadUrl({ ...site, branch: 'release/1' }, 'requests/calnet/a b')).toBe(
      'https://github.com/example-agency/exemption-requests/upload/release/1/requests/calnet/a%20b',
    );
  });
});

describe("the form's data", () => {
  it('drops the empty mappings the form adds, and keeps what the request had and every list', () => {
    const before = { program: 'calnet', grounds: {} };
    const next = {
      program: 'calnet',
      agency: {},
      submitted: { by: {} },
      grounds: {},
      reason: { kind: 'financial' },
      services: [{}],
      attachments: [],
      contract: { renewal: {}, sla: { available: true } },
    };
    expect(withoutFillers(next, before)).toEqual({
      program: 'calnet',
      grounds: {},
      reason: { kind: 'financial' },
      services: [{}],
      attachments: [],
      contract: { sla: { available: true } },
    });
  });
});

describe("the form's schema and layout", () => {
  const schema = requestSchema();

  it('has every field of the request schema, titled, with constants as a choice and no program rules', () => {
    const form = formSchema(schema) as { properties: Record<string, { title?: string; enum?: unknown[] }> };
    expect(Object.keys(form.properties)).toEqual(Object.keys(schema.properties as object));
    expect(form.properties.program_shortfall?.title).toBe('Program shortfall');
    expect(fieldTitle('comparable_calnet_cost')).toBe('Comparable CALNET cost');
    expect(fieldTitle('slas')).toBe('SLAs');
    expect(form.properties.format?.enum).toEqual([2]);
    expect(form).not.toHaveProperty('allOf');
    expect(form).not.toHaveProperty('$schema');
  });

  it('orders every section of the request schema and cites its clauses under it', () => {
    expect([...SECTION_ORDER].sort()).toEqual(Object.keys(schema.properties as object).sort());
    const layout = formLayout(schema, {});
    expect(layout['ui:order']).toEqual([...SECTION_ORDER, '*']);
    expect(layout.agency?.['ui:help']).toMatch(/^Policy: CALNET MSA policy, /);
  });

  it('shows the cost ground only for a CALNET financial reason and approvals only for CGEN, or when present', () => {
    const hidden = (data: unknown) => {
      const layout = formLayout(schema, data);
      return {
        approvals: layout.approvals?.['ui:field'] === HIDDEN_SECTION,
        costGround: layout.grounds?.cost_ipr?.['ui:field'] === HIDDEN_SECTION,
      };
    };
    expect(hidden({})).toEqual({ approvals: true, costGround: true });
    expect(hidden({ program: 'calnet', reason: { kind: 'technical' } })).toEqual({
      approvals: true,
      costGround: true,
    });
    expect(hidden({ program: 'calnet', reason: { kind: 'financial' } })).toEqual({
      approvals: true,
      costGround: false,
    });
    expect(hidden({ program: 'cgen', reason: { kind: 'financial' } })).toEqual({
      approvals: false,
      costGround: true,
    });
    expect(hidden({ program: 'calnet', approvals: [], grounds: { cost_ipr: {} } })).toEqual({
      approvals: false,
      costGround: false,
    });
  });
});

describe("the site's configuration", () => {
  it('is web/site.json unless the build is told otherwise', () => {
    const file = JSON.parse(readFileSync(join(import.meta.dirname, '../../web/site.json'), 'utf8'));
    expect(siteConfig()).toEqual(file);
    expect(siteConfig({ repository: 'someone/fork', branch: 'trunk' })).toEqual({
      repository: 'someone/fork',
      branch: 'trunk',
    });
  });

  it('refuses a repository or branch that is not a name, and unknown options', () => {
    expect(() => siteConfig({ repository: 'no-owner' })).toThrow(UsageError);
    expect(() => siteConfig({ repository: 'a/b?c' })).toThrow(UsageError);
    expect(() => siteConfig({ branch: '../main' })).toThrow(UsageError);
    expect(() => buildArguments(['--out'])).toThrow(/--out needs a value/);
    expect(() => buildArguments(['--port', '1'])).toThrow(/unknown option --port/);
    expect(buildArguments(['--repository', 'a/b', '--branch', 'x']).overrides).toEqual({
      repository: 'a/b',
      branch: 'x',
    });
  });
});

describe('npm run web', () => {
  it('builds the site, serves it and prints its URL', async () => {
    const scratch = scratchFolder('web-serve');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/tools/serve-web.ts', '--port', '0', '--out', join(scratch.dir, 'site')],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((done, fail) => {
        let printed = '';
        child.stdout.on('data', (chunk: Buffer) => {
          printed += chunk.toString();
          const found = /serving it at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(printed);
          if (found?.[1]) done(found[1]);
        });
        child.stderr.on('data', (chunk: Buffer) => fail(new Error(chunk.toString())));
        child.on('exit', (code) => fail(new Error(`it stopped with ${code}: ${printed}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script type="module" src="page.js"></script>');
      const manifest = await fetch(new URL('policy/manifest.json', url));
      expect(((await manifest.json()) as { digest: string }).digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      // Nothing outside the site, even by a path that a browser would have normalised first.
      writeFileSync(join(scratch.dir, 'outside.txt'), 'not part of the site\n');
      for (const [path, expected] of [
        ['/../outside.txt', 404],
        ['/%2e%2e/outside.txt', 404],
        ['/..%2foutside.txt', 404],
        ['/%E0%A4%A', 400],
      ] as const) {
        const status = await new Promise<number | undefined>((done, fail) =>
          get({ host: '127.0.0.1', port: Number(new URL(url).port), path }, (response) => {
            response.resume();
            done(response.statusCode);
          }).on('error', fail),
        );
        expect(status, path).toBe(expected);
      }
    } finally {
      child.kill();
      scratch.remove();
    }
  }, 120_000);
});
