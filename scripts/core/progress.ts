/**
 * How a long run (an audit, an evaluation of many files) says how far it is. The library reports
 * through `Progress`; only the command line draws it (`scripts/render/progress.ts`).
 */
export interface Progress {
  /** A new phase of `total` steps. */
  phase(label: string, total: number): void;
  /** `steps` more steps done (default one). */
  tick(steps?: number): void;
  done(): void;
}

export const silentProgress: Progress = { phase() {}, tick() {}, done() {} };
