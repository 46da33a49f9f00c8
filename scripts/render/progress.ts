/**
 * The progress of a long run drawn as a bar on stderr, only when stderr is a terminal, so piped and CI
 * output stays clean, and only once a phase has run for a while, so that a quick run draws nothing.
 */
import cliProgress from 'cli-progress';
import { type Progress, silentProgress } from '../core/progress.ts';

/** Runs shorter than this draw no bar: it would only flicker. */
export const PROGRESS_DELAY_MS = 1000;

export function terminalProgress(
  stream: NodeJS.WriteStream = process.stderr,
  options: { delayMs?: number; now?: () => number } = {},
): Progress {
  if (!stream.isTTY) return silentProgress;
  const delayMs = options.delayMs ?? PROGRESS_DELAY_MS;
  const now = options.now ?? (() => performance.now());
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{phase} [{bar}] {value}/{total} {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let phase: { label: string; total: number; value: number; started: number } | undefined;
  let drawing = false;
  return {
    phase(label, total) {
      if (drawing) bar.stop();
      drawing = false;
      phase = { label: label.padEnd(22), total, value: 0, started: now() };
    },
    tick(steps = 1) {
      if (!phase) return;
      phase.value += steps;
      if (drawing) bar.update(phase.value);
      else if (now() - phase.started >= delayMs) {
        bar.start(phase.total, phase.value, { phase: phase.label });
        drawing = true;
      }
    },
    done() {
      if (drawing) bar.stop();
      drawing = false;
      phase = undefined;
    },
  };
}
