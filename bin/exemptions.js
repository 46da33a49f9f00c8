#!/usr/bin/env node
// The published command: runs the compiled command line (bin/entry.js says which code runs).
import { loadRun } from './entry.js';

// A reader that stops early (`| head`) closes the pipe: stop quietly, as other command-line tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

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
