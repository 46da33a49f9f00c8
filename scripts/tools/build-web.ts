/**
 * `npm run build:web [-- --out DIR --repository OWNER/NAME --branch NAME]`: writes the request builder as
 * a static site: the page, its one bundle (esbuild, the project's own modules for the browser), its
 * stylesheet and the compiled policy it decides with. Nothing is fetched from elsewhere at run time.
 *
 * The page runs the same modules as the check. Where one of them imports a Node built-in for a path the
 * page never takes (reading a request from disk), the bundle gets a stand-in that fails if called;
 * `node:path` is pathe's (the same functions, for a browser); the repository's paths on disk become names
 * under `/` that nothing reads (web/src/platform/).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { compileSchemaValidatorsCode } from '@rjsf/validator-ajv8/compileSchemaValidators';
import { build, type Plugin } from 'esbuild';
import { formSchema } from '../../web/src/form-schema.ts';
import { UsageError, UserError } from '../core/errors.ts';
import { compiledPolicyDir, compiledSchemaDir, repoRoot } from '../core/paths.ts';
import {
  committedValidator,
  REQUEST_SCHEMA_PATH,
  requestSchema,
  STANDALONE_FILES,
} from '../request/validate.ts';

export interface SiteConfig {
  /** OWNER/NAME of the repository the page proposes requests to. */
  repository: string;
  /** The branch a proposed request is added to (the default branch). */
  branch: string;
}

export const SITE_CONFIG_PATH = join(repoRoot, 'web', 'site.json');
export const DEFAULT_SITE_DIR = join(repoRoot, 'dist-web');

const REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;
const BRANCH = /^[A-Za-z0-9._/-]+$/;

/** The site's configuration: web/site.json, with what the build was told instead. */
export function siteConfig(overrides: Partial<SiteConfig> = {}): SiteConfig {
  const file = JSON.parse(readFileSync(SITE_CONFIG_PATH, 'utf8')) as Partial<SiteConfig>;
  const config = { ...file, ...overrides };
  if (typeof config.repository !== 'string' || !REPOSITORY.test(config.repository))
    throw new UsageError(`the repository is "${String(config.repository)}"; give it as OWNER/NAME`);
  if (typeof config.branch !== 'string' || !BRANCH.test(config.branch) || config.branch.includes('..'))
    throw new UsageError(`the branch is "${String(config.branch)}"; give a branch name such as main`);
  return { repository: config.repository, branch: config.branch };
}

const NODE_UNAVAILABLE = join(repoRoot, 'web', 'src', 'platform', 'node-unavailable.js');
const REPOSITORY_PATHS = join(repoRoot, 'scripts', 'core', 'paths.ts');

/** The stand-ins of the page's build (see the module's comment). */
const browserPlatform: Plugin = {
  name: 'browser-platform',
  setup(build) {
    build.onResolve({ filter: /^node:path$/ }, () => ({
      path: join(repoRoot, 'node_modules', 'pathe', 'dist', 'index.mjs'),
    }));
    build.onResolve({ filter: /^node:(fs|module|crypto|url)$/ }, (args) => ({
      path: args.path.slice('node:'.length),
      namespace: 'node-unavailable',
    }));
    // Every export of the Node module, each a function that fails when called.
    build.onLoad({ filter: /.*/, namespace: 'node-unavailable' }, async (args) => {
      const names = Object.keys((await import(/* @vite-ignore */ `node:${args.path}`)) as object).filter(
        (name) => name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name),
      );
      return {
        contents: [
          `import { unavailable } from ${JSON.stringify(NODE_UNAVAILABLE)};`,
          ...names.map((name) => `export const ${name} = unavailable('${args.path}.${name}');`),
          `export default {};`,
        ].join('\n'),
        resolveDir: repoRoot,
        loader: 'js',
      };
    });
    build.onResolve({ filter: /^node:/ }, (args) => ({
      errors: [
        {
          text: `${args.path} (imported by ${relative(repoRoot, args.importer)}) has no stand-in in the page`,
        },
      ],
    }));
    build.onResolve({ filter: /paths\.ts$/ }, (args) =>
      resolve(args.resolveDir, args.path) === REPOSITORY_PATHS
        ? { path: join(repoRoot, 'web', 'src', 'platform', 'repository-paths.ts') }
        : undefined,
    );
    build.onResolve({ filter: /^virtual:form-validators$/ }, () => ({
      path: 'form',
      namespace: 'form-validators',
    }));
    build.onLoad({ filter: /.*/, namespace: 'form-validators' }, () => ({
      contents: compileSchemaValidatorsCode(formSchema(requestSchema()), {
        // The form never shows its own validation (the decision does), so its errors need no schema copies.
        ajvOptionsOverrides: { strict: false, verbose: false },
      }),
      resolveDir: repoRoot,
      loader: 'js',
    }));
    build.onResolve({ filter: /^virtual:request-validator$/ }, () => ({
      path: join(compiledSchemaDir, STANDALONE_FILES.code),
    }));
  },
};

export interface SiteFile {
  path: string;
  bytes: number;
  gzipBytes: number;
}

/** Every file of a built site with its size and its gzip'd size (what a server sends compressed). */
export function siteFiles(dir: string): SiteFile[] {
  const files: SiteFile[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const full = join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const content = readFileSync(full);
        files.push({
          path: relative(dir, full),
          bytes: content.length,
          gzipBytes: gzipSync(content, { level: 9 }).length,
        });
      }
    }
  };
  walk(dir);
  return files;
}

/** Builds the site into `out` (emptied first) and lists its files. */
export async function buildSite(out: string, config: SiteConfig): Promise<SiteFile[]> {
  // The page checks with the committed standalone validator; one generated from another schema would
  // let the page and the check disagree.
  if (!committedValidator(readFileSync(REQUEST_SCHEMA_PATH, 'utf8'))) {
    throw new UserError(
      'compiled/schema/ was not generated from schemas/request.schema.json: run npm run build:policy',
    );
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'policy'), { recursive: true });
  await build({
    absWorkingDir: repoRoot,
    entryPoints: ['web/src/main.tsx'],
    outfile: join(out, 'page.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    jsx: 'automatic',
    legalComments: 'none',
    define: { SITE: JSON.stringify(config), 'process.env.NODE_ENV': '"production"' },
    plugins: [browserPlatform],
    logLevel: 'warning',
  });
  copyFileSync(join(repoRoot, 'web', 'index.html'), join(out, 'index.html'));
  copyFileSync(join(repoRoot, 'web', 'styles.css'), join(out, 'page.css'));
  copyFileSync(join(repoRoot, 'web', 'favicon.svg'), join(out, 'favicon.svg'));
  for (const name of ['policy.wasm', 'data.json', 'manifest.json'])
    copyFileSync(join(compiledPolicyDir, name), join(out, 'policy', name));
  return siteFiles(out);
}

/** The command line of the build: `--out DIR`, `--repository OWNER/NAME`, `--branch NAME`. */
export function buildArguments(argv: readonly string[]): { out: string; overrides: Partial<SiteConfig> } {
  let out = DEFAULT_SITE_DIR;
  const overrides: Partial<SiteConfig> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag !== '--out' && flag !== '--repository' && flag !== '--branch')
      throw new UsageError(
        `unknown option ${String(flag)}; the options are --out, --repository and --branch`,
      );
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    if (flag === '--out') out = resolve(value);
    else if (flag === '--repository') overrides.repository = value;
    else overrides.branch = value;
    i++;
  }
  return { out, overrides };
}

/** The sizes in words: the total a browser loads, compressed and not. */
export function sizeSummary(files: readonly SiteFile[]): string {
  const sum = (key: 'bytes' | 'gzipBytes') => files.reduce((total, f) => total + f[key], 0);
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  return `${files.length} files, ${kib(sum('bytes'))} (${kib(sum('gzipBytes'))} gzip'd)`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    const { out, overrides } = buildArguments(process.argv.slice(2));
    const files = await buildSite(out, siteConfig(overrides));
    const shown = relative(process.cwd(), out);
    console.log(`built ${shown === '' || shown.startsWith('..') ? out : shown}/: ${sizeSummary(files)}`);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    console.error(`build:web: ${error.message}`);
    process.exitCode = 2;
  }
}
