#!/usr/bin/env node
// The published command: runs the compiled command line (bin/entry.js says which code runs).
import { loadRun } from './entry.js';

const run = await loadRun();
process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  terminal: process.stderr.isTTY ? process.stderr : undefined,
  stdoutIsTerminal: process.stdout.isTTY === true,
  stdinIsTerminal: process.stdin.isTTY === true,
  questions: { input: process.stdin, output: process.stdout },
});
