#!/usr/bin/env node
// The published command: registers tsx's loader so the TypeScript CLI runs without a build step.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../scripts/cli.ts');
process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  terminal: process.stderr.isTTY ? process.stderr : undefined,
  stdoutIsTerminal: process.stdout.isTTY === true,
  stdinIsTerminal: process.stdin.isTTY === true,
});
