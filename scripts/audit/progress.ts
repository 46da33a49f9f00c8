/**
 * Progress of a long audit. The library reports through `AuditProgress`; the command line shows a bar on
 * stderr only when stderr is a terminal, so piped and CI output stays clean.
 */
import cliProgress from 'cli-progress';

export interface AuditProgress {
  /** A new phase of `total` steps. */
  phase(label: string, total: number): void;
  tick(): void;
  done(): void;
}

export const silentProgress: AuditProgress = { phase() {}, tick() {}, done() {} };

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): AuditProgress {
  if (!stream.isTTY) return silentProgress;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{phase} [{bar}] {value}/{total} {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  return {
    phase(label, total) {
      if (running) bar.stop();
      bar.start(total, 0, { phase: label.padEnd(22) });
      running = true;
    },
    tick() {
      if (running) bar.increment();
    },
    done() {
      if (running) bar.stop();
      running = false;
    },
  };
}
