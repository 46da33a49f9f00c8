/**
 * `exemptions impact`: what a change to the rules does to the requests on file, before it is merged. The
 * policy, schema and reference data of both commits are built from git objects; every request of the head
 * is judged by both, and each request whose decision changes is listed. It exits 0 whenever it ran,
 * whatever changed: it informs the Director, it is not a check.
 */
import { type Command, Option } from 'commander';
import { EXIT_OK, UserError } from '../core/errors.ts';
import { todayUtc } from '../policy/evaluator.ts';
import type { PolicyOrigin } from '../policy/versions.ts';
import { defaultBase } from '../pull-request/evaluate.ts';
import { computeImpact, PolicyUnavailableError } from '../pull-request/impact.ts';
import { type ImpactFormat, renderImpact } from '../render/impact.ts';
import type { Impact } from '../run/impact.ts';
import { parseIsoDate } from './common.ts';
import type { CommandContext } from './context.ts';

interface ImpactOptions {
  policyFrom: PolicyOrigin;
  base?: string;
  head: string;
  date?: string;
  format: ImpactFormat;
}

/** What to type instead when a side's policy cannot be had from where it was asked for. */
const OTHER_ORIGIN: Readonly<Record<PolicyOrigin, string>> = {
  sources:
    "To judge with each commit's committed compiled/policy/ instead (Node alone), add --policy-from committed.",
  committed: "To compile each commit's policies/ with the pinned OPA instead, use --policy-from sources.",
};

export function register(program: Command, context: CommandContext, summary: string): void {
  const { io } = context;
  program
    .command('impact')
    .summary(summary)
    .description(
      'Build the policy, request schema and reference data at two commits, judge every request under ' +
        'requests/ of the head with both, and list each request whose decision changes: its outcome before ' +
        'and after, and the deficiencies, grounds and reasons that appeared or went away, each with its ' +
        'clause; then how many are unchanged. Exits 0 when it ran, whatever changed; 2 on an error.',
    )
    .option('--base <ref>', 'the rules before the change (default: origin/HEAD, origin/main, main)')
    .option('--head <ref>', 'the rules after the change, and the requests judged', 'HEAD')
    .option('--date <YYYY-MM-DD>', 'evaluation date (default: today, UTC)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'),
    )
    .addOption(
      new Option(
        '--policy-from <origin>',
        "sources: compile each commit's policies/ with the pinned OPA; committed: use each commit's " +
          'committed compiled/policy/ bundle (Node alone, no OPA)',
      )
        .choices(['sources', 'committed'])
        .default('sources'),
    )
    .action(async (options: ImpactOptions) => {
      const date = options.date === undefined ? todayUtc() : parseIsoDate(options.date);
      let impact: Impact;
      try {
        impact = await computeImpact({
          repoDir: io.cwd,
          base: options.base ?? defaultBase(io.cwd),
          head: options.head,
          date,
          origin: options.policyFrom,
        });
      } catch (error) {
        if (!(error instanceof PolicyUnavailableError)) throw error;
        throw new UserError(`${error.message}\n${OTHER_ORIGIN[error.origin]}`);
      }
      io.stdout.write(renderImpact(impact, options.format));
      context.exitCode = EXIT_OK;
    });
}
