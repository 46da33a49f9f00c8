/**
 * The guided `new`: in a terminal it asks what the flags leave out (program, agency from the registry,
 * grounds, id); without one it never waits; with flags it stays scriptable.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Choice, Prompter } from '../../scripts/cli/prompts.ts';
import { PROGRAMS } from '../../scripts/core/clauses.ts';
import { repoRoot } from '../../scripts/core/paths.ts';
import { groundsOf } from '../../scripts/request/skeleton.ts';
import { requestSchema } from '../../scripts/request/validate.ts';
import { runCli } from '../support/cli.ts';
import { EVALUATION_DATE, edited, policy } from '../support/policy.ts';
import { exampleRequest, scratchFolder } from '../support/requests.ts';

const scratch: (() => void)[] = [];
afterEach(() => {
  for (const remove of scratch.splice(0)) remove();
});
function workspace(): string {
  const { dir, remove } = scratchFolder('new');
  scratch.push(remove);
  return dir;
}

/** A prompter that answers from a script and remembers what it was asked. */
function scripted(answers: {
  select?: string;
  search?: string;
  selectSome?: string[];
  /** The id typed, or each id typed until one is accepted; null cancels. */
  text?: string | string[] | null;
}) {
  const asked: { kind: string; message: string; choices?: readonly Choice[]; initial?: string }[] = [];
  const notes: string[] = [];
  const refusals: string[] = [];
  const prompter: Prompter = {
    select: async (message, choices) => {
      asked.push({ kind: 'select', message, choices });
      return answers.select;
    },
    search: async (message, choices) => {
      asked.push({ kind: 'search', message, choices });
      return answers.search;
    },
    selectSome: async (message, choices) => {
      asked.push({ kind: 'selectSome', message, choices });
      return answers.selectSome;
    },
    text: async (message, initial, invalid) => {
      asked.push({ kind: 'text', message, initial });
      if (answers.text === null) return undefined;
      for (const answer of [answers.text ?? initial].flat()) {
        const refusal = invalid(answer);
        if (!refusal) return answer;
        refusals.push(refusal);
      }
      throw new Error('every answer typed would be refused');
    },
    note: async (message) => {
      notes.push(message);
    },
  };
  return { prompter, asked, notes, refusals };
}

const terminal = { stdinIsTerminal: true, stdoutIsTerminal: true };

describe('exemptions new in a terminal', () => {
  it('asks the program, the agency from the registry, the grounds and the id, then writes only the chosen grounds', async () => {
    const cwd = workspace();
    const { prompter, asked, notes } = scripted({
      select: 'calnet',
      search: 'DWR',
      selectSome: ['cost_ipr'],
    });
    const run = await runCli(['new'], { cwd, ...terminal, prompter });
    expect(run.status, run.stderr).toBe(0);
    expect(asked.map((q) => q.kind)).toEqual(['select', 'search', 'selectSome', 'text']);
    const agencies = asked[1]?.choices ?? [];
    expect(agencies).toContainEqual({
      value: 'DWR',
      label: 'DWR: Department of Water Resources',
      hint: 'executive-branch',
    });
    expect(notes[0]).toMatch(
      /^Department of Water Resources \(executive-branch\): A non-exempt agency of the State Executive Branch/,
    );
    expect(asked[3]?.initial).toMatch(/^dwr-\d{4}-01$/);
    const id = asked[3]?.initial as string;
    const text = readFileSync(join(cwd, 'requests', 'calnet', `${id}.yaml`), 'utf8');
    expect(text).toContain('  cost_ipr:');
    expect(text).not.toContain('  functionality:');
    expect(text).not.toContain('  fsr:');
    expect(text).toContain('Fill in the block of each ground you claim.');
    expect(existsSync(join(cwd, 'requests', 'calnet', id, 'README.md'))).toBe(true);
    expect(run.stdout).toContain(`then check it: npx exemptions check requests/calnet/${id}.yaml`);
  });

  it('does not ask what the flags say, nor the ground of a program that has one', async () => {
    const cwd = workspace();
    const { prompter, asked } = scripted({ search: 'CHP' });
    const run = await runCli(['new', '--program', 'cgen', '--id', 'chp-2026-towers'], {
      cwd,
      ...terminal,
      prompter,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(asked.map((q) => q.kind)).toEqual(['search']);
    expect(readFileSync(join(cwd, 'requests', 'cgen', 'chp-2026-towers.yaml'), 'utf8')).toContain(
      '  functionality:',
    );
  });

  it('tells an exempt agency and a local agency what the registry says of them, in a line, and goes on', async () => {
    const said = async (agency: string) => {
      const { prompter, notes } = scripted({
        select: 'calnet',
        search: agency,
        selectSome: ['functionality'],
      });
      const run = await runCli(['new'], { cwd: workspace(), ...terminal, prompter });
      expect(run.status, run.stderr).toBe(0);
      expect(notes).toHaveLength(1);
      return notes[0];
    };
    expect(await said('UC')).toBe(
      'University of California (exempt, university): An agency in one of the categories both policies name as not required to use the programs.',
    );
    expect(await said('SAC-COUNTY')).toMatch(
      /^County of Sacramento \(local-government\): An eligible local government agency; .* The registry lists its ATO: voice-local from 2025-03-01\.$/,
    );
    expect(await said('SD-COUNTY')).toMatch(/ The registry lists no ATO for it\.$/);
    expect(await said('JUD-CC')).toMatch(
      /^Judicial Council of California \(outside-executive-branch, judicial\): /,
    );
  });

  it('says when the agency of --agency is not in the registry', async () => {
    const { prompter, notes } = scripted({ select: 'cgen' });
    const run = await runCli(['new', '--agency', 'NEW-BOARD'], { cwd: workspace(), ...terminal, prompter });
    expect(run.status, run.stderr).toBe(0);
    expect(notes).toEqual(['NEW-BOARD is not in the agency registry (policies/reference/agencies.json).']);
  });

  it('refuses a flag it could not write before asking anything after it', async () => {
    const { prompter, asked } = scripted({ select: 'cgen', search: 'CHP' });
    const lowercase = await runCli(['new', '--agency', 'chp'], { cwd: workspace(), ...terminal, prompter });
    expect(lowercase.status).toBe(2);
    expect(lowercase.stderr).toContain('--agency must be an agency code of capital letters');
    expect(asked).toEqual([]);
    const notCgen = await runCli(['new', '--ground', 'fsr'], { cwd: workspace(), ...terminal, prompter });
    expect(notCgen.status).toBe(2);
    expect(notCgen.stderr).toContain('--ground must be one of functionality for cgen, not "fsr"');
    expect(asked.map((q) => q.kind)).toEqual(['select']);
  });

  it('refuses an id already in use while asking, and takes the next one typed', async () => {
    const cwd = workspace();
    await runCli(['new', '--program', 'calnet', '--agency', 'DGS', '--id', 'dgs-2026-taken'], { cwd });
    const { prompter, refusals } = scripted({
      select: 'cgen',
      text: ['dgs-2026-taken', 'DGS 2', 'dgs-2026-free'],
    });
    const run = await runCli(['new', '--agency', 'DGS'], { cwd, ...terminal, prompter });
    expect(run.status, run.stderr).toBe(0);
    expect(refusals).toEqual([
      expect.stringMatching(/^the id dgs-2026-taken is taken: a request with that id already exists under /),
      expect.stringMatching(/^the id must be lowercase letters, digits and single hyphens/),
    ]);
    expect(existsSync(join(cwd, 'requests', 'cgen', 'dgs-2026-free.yaml'))).toBe(true);
  });

  it('writes nothing and says so when the person cancels', async () => {
    const cwd = workspace();
    const { prompter } = scripted({ select: 'calnet', search: undefined });
    const run = await runCli(['new'], { cwd, ...terminal, prompter });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('exemptions: cancelled: nothing was written\n');
    expect(existsSync(join(cwd, 'requests'))).toBe(false);
  });
});

describe('exemptions new without a terminal', () => {
  it('never asks: a missing flag is a usage error naming it', async () => {
    const cwd = workspace();
    const { prompter, asked } = scripted({ select: 'calnet', search: 'DWR' });
    const run = await runCli(['new', '--program', 'calnet'], {
      cwd,
      stdinIsTerminal: false,
      stdoutIsTerminal: true,
      prompter,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--agency is needed when new does not run in a terminal');
    expect(asked).toEqual([]);
    expect(existsSync(join(cwd, 'requests'))).toBe(false);
  });

  it('never waits either when it is told of a terminal but given no streams to ask on', async () => {
    const run = await runCli(['new', '--program', 'calnet'], { cwd: workspace(), ...terminal });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--agency is needed when new does not run in a terminal');
  });

  it('writes the grounds named by --ground, and refuses one the program does not have', async () => {
    const cwd = workspace();
    const run = await runCli(
      ['new', '--program', 'calnet', '--agency', 'DGS', '--id', 'dgs-2026-fsr', '--ground', 'fsr'],
      { cwd },
    );
    expect(run.status, run.stderr).toBe(0);
    const text = readFileSync(join(cwd, 'requests', 'calnet', 'dgs-2026-fsr.yaml'), 'utf8');
    expect(text).toContain('  fsr:');
    expect(text).not.toContain('  cost_ipr:');
    const refused = await runCli(['new', '--program', 'cgen', '--agency', 'DGS', '--ground', 'cost_ipr'], {
      cwd,
    });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--ground must be one of functionality for cgen, not "cost_ipr"');
    expect(readdirSync(join(cwd, 'requests', 'calnet'))).toEqual(['dgs-2026-fsr', 'dgs-2026-fsr.yaml']);
  });
});

describe('help while typing', () => {
  it('starts every skeleton with the schema line an editor reads, relative to the file', async () => {
    const cwd = workspace();
    await runCli(['new', '--program', 'calnet', '--agency', 'DGS', '--id', 'dgs-2026-lines'], { cwd });
    const file = join(cwd, 'requests', 'calnet', 'dgs-2026-lines.yaml');
    const first = readFileSync(file, 'utf8').split('\n')[0] ?? '';
    expect(first).toBe('# yaml-language-server: $schema=../../schemas/request.schema.json');
    // From a request in this repository the same relative path reaches the schema.
    const fromRepository = resolve(join(repoRoot, 'requests', 'calnet'), first.split('$schema=')[1] ?? '');
    expect(existsSync(fromRepository)).toBe(true);
    expect(dirname(fromRepository)).toBe(join(repoRoot, 'schemas'));
  });

  it('ships editor settings that map request files to the request schema', () => {
    const settings = JSON.parse(readFileSync(join(repoRoot, '.vscode', 'settings.json'), 'utf8')) as {
      'yaml.schemas': Record<string, string[]>;
    };
    const patterns = settings['yaml.schemas']['./schemas/request.schema.json'];
    expect(patterns).toEqual(expect.arrayContaining(['requests/**/*.yaml', 'examples/requests/**/*.yaml']));
    const extensions = JSON.parse(readFileSync(join(repoRoot, '.vscode', 'extensions.json'), 'utf8')) as {
      recommendations: string[];
    };
    expect(extensions.recommendations).toContain('redhat.vscode-yaml');
  });
});

describe('the grounds new offers', () => {
  /** A complete example request of each program, to claim one ground at a time in. */
  const complete = { calnet: 'dwr-2026-sd-wan', cgen: 'chp-2026-remote-sites' } as const;

  it('are, for each program, the grounds its policy accepts: the policy refuses each of the others', async () => {
    const evaluator = await policy();
    const definitions = requestSchema().$defs as Record<string, { properties: Record<string, unknown> }>;
    const grounds = Object.entries(definitions.grounds?.properties ?? {});
    expect(grounds.length).toBeGreaterThan(1);
    for (const program of PROGRAMS) {
      for (const [ground, rule] of grounds) {
        // The schema's own example of the ground's block, as the only ground claimed.
        const block = (rule as { examples: unknown[] }).examples[0];
        const request = edited(exampleRequest(program, complete[program]), {
          '/grounds': { [ground]: block },
        });
        const refused = evaluator
          .evaluate(request, EVALUATION_DATE)
          .deficiencies.some((d) => d.path === `/grounds/${ground}`);
        expect(refused, `${program} ${ground}`).toBe(!groundsOf(program).includes(ground));
      }
    }
  });

  it("are the blocks of a program's skeleton when no ground is chosen", async () => {
    const cwd = workspace();
    for (const program of PROGRAMS) {
      const id = `dgs-2026-${program}`;
      await runCli(['new', '--program', program, '--agency', 'DGS', '--id', id], { cwd });
      const skeleton = parse(readFileSync(join(cwd, 'requests', program, `${id}.yaml`), 'utf8')) as {
        grounds: Record<string, unknown>;
      };
      expect(Object.keys(skeleton.grounds), program).toEqual(groundsOf(program));
    }
  });
});
