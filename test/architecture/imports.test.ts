/**
 * The import rules of ARCHITECTURE.md (.dependency-cruiser.cjs) hold for the project, and each one fails
 * when it is broken: a tree built here breaks each rule once.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type IForbiddenRuleType } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/core/paths.ts';

const rules = (
  createRequire(import.meta.url)(join(repoRoot, '.dependency-cruiser.cjs')) as {
    forbidden: IForbiddenRuleType[];
  }
).forbidden;

async function violations(baseDir: string, roots: string[]): Promise<string[]> {
  const result = await cruise(roots, {
    validate: true,
    ruleSet: { forbidden: rules },
    baseDir,
    doNotFollow: { path: 'node_modules' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  });
  const output = result.output;
  if (typeof output === 'string') throw new Error('expected the cruise result as an object');
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

const scratch = mkdtempSync(join(tmpdir(), 'imports-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(scratch, 'tree-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('the import rules', () => {
  it('hold for the project', async () => {
    expect(await violations(repoRoot, ['scripts', 'bin', 'web'])).toEqual([]);
  });

  it('fail on runtime code importing a maintainer tool', async () => {
    const root = tree({
      'scripts/run/pipeline.ts': "import '../tools/build-policy.ts';\n",
      'scripts/tools/build-policy.ts': 'export {};\n',
    });
    expect(await violations(root, ['scripts'])).toContain(
      'runtime-never-imports-tools: scripts/run/pipeline.ts -> scripts/tools/build-policy.ts',
    );
  });

  it('fail on a cycle', async () => {
    const root = tree({
      'scripts/request/load.ts': "import './messages.ts';\n",
      'scripts/request/messages.ts': "import './load.ts';\n",
    });
    expect(await violations(root, ['scripts'])).toContain(
      'no-cycles: scripts/request/load.ts -> scripts/request/messages.ts',
    );
  });

  it('fail on rendering that reaches GitHub', async () => {
    const root = tree({
      'scripts/render/report.ts': "import '../github/client.ts';\n",
      'scripts/github/client.ts': 'export {};\n',
    });
    expect(await violations(root, ['scripts'])).toContain(
      'render-never-imports-github: scripts/render/report.ts -> scripts/github/client.ts',
    );
  });

  it('fail on an earlier layer importing a later one', async () => {
    const root = tree({
      'scripts/request/load.ts': "import '../policy/evaluator.ts';\n",
      'scripts/policy/evaluator.ts': 'export {};\n',
    });
    expect(await violations(root, ['scripts'])).toEqual([
      'request-imports-only-earlier-layers: scripts/request/load.ts -> scripts/policy/evaluator.ts',
    ]);
  });

  it('fail on the page reaching what talks to git or GitHub, and let it run what decides', async () => {
    const root = tree({
      'web/src/main.tsx':
        "import '../../scripts/pull-request/comment.ts';\nimport '../../scripts/run/pipeline.ts';\n",
      'scripts/pull-request/comment.ts': 'export {};\n',
      'scripts/run/pipeline.ts': 'export {};\n',
    });
    expect(await violations(root, ['web', 'scripts'])).toEqual([
      'web-imports-only-what-decides: web/src/main.tsx -> scripts/pull-request/comment.ts',
    ]);
  });
});
