/**
 * The one real browser the tests drive: Debian's Chromium through playwright-core (Playwright's own
 * browser download is not reachable from this machine), found on the machine or installed with apt-get
 * the first time, and axe-core run inside the page. When Chromium can be neither found nor installed,
 * the browser tests fail with a message that says what to install; they are never skipped.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Where Debian's package puts the browser; `$CHROMIUM` names another build. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function asRoot(command: string[]): string[] {
  if (process.getuid?.() === 0) return command;
  return ['sudo', '-n', ...command];
}

function run(command: string[]): { ok: boolean; output: string } {
  const [file, ...args] = command;
  const result = spawnSync(file as string, args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 15 * 60_000,
  });
  return {
    ok: result.status === 0,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ?? ''}`,
  };
}

let found: string | undefined;

/** The path of a Chromium to drive, installing Debian's package when the machine has none. */
export function chromiumPath(): string {
  if (found) return found;
  const fromEnv = process.env.CHROMIUM;
  if (fromEnv) {
    if (!executable(fromEnv))
      throw new Error(`$CHROMIUM is set to ${fromEnv}, which is not an executable file`);
    found = fromEnv;
    return found;
  }
  if (!executable(DEBIAN_CHROMIUM)) {
    let install = run(asRoot(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']));
    if (!install.ok) {
      // A fresh machine may not have the package lists yet.
      run(asRoot(['apt-get', 'update']));
      install = run(asRoot(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']));
    }
    if (!install.ok || !executable(DEBIAN_CHROMIUM)) {
      throw new Error(
        'The browser tests need Chromium and it is not on this machine. Install it with ' +
          '`apt-get install chromium` (as root), or set $CHROMIUM to a Chromium executable.\n' +
          `apt-get said:\n${install.output.slice(-2000)}`,
      );
    }
  }
  found = DEBIAN_CHROMIUM;
  return found;
}

/** A headless Chromium that makes no connection of its own (this machine's network is closed). */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Playwright gives each launch a new empty profile of its own.
  return { browser, close: () => browser.close() };
}

/** Every console error and uncaught page error a page raises, collected from the moment it is watched. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

export interface AccessibilityViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const axeSource = (): string =>
  readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the whole page as it is now (WCAG 2.1 A and AA and best practice). */
export async function accessibilityViolations(page: Page): Promise<AccessibilityViolation[]> {
  // Evaluated rather than added as a script tag, so that a page's own Content-Security-Policy still holds.
  await page.evaluate(axeSource());
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (options: object) => Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: string[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}
