/**
 * Small evaluations built by hand, so the comment, artifact and posting tests do not depend on what the
 * policy currently decides. Each is named for what it shows.
 */

import type {
  ArtifactDecision,
  ArtifactResult,
  EvaluationArtifact,
} from '../../scripts/pull-request/artifact.ts';
import type { Impact } from '../../scripts/run/impact.ts';

export const HEAD_SHA = '3f2c9a1e5b7d4c6e8f0a1b2c3d4e5f60718293a4';
export const BASE_SHA = '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807';
export const DIGEST = `sha256:${'4b1d'.repeat(16)}`;

/** A decision as the artifact carries it, ready for decision unless `overrides` say otherwise. */
export function decision(overrides: Partial<ArtifactDecision>): ArtifactDecision {
  return {
    outcome: 'ready-for-decision',
    program: 'calnet',
    reasons: [],
    grounds: [],
    deficiencies: [],
    notes: [],
    approver: null,
    available_from: null,
    citations: [],
    ...overrides,
  };
}

export function evaluation(
  results: ArtifactResult[],
  overrides: Partial<EvaluationArtifact> = {},
): EvaluationArtifact {
  return {
    format: 1,
    pull_request: { number: 42, base_sha: BASE_SHA, head_sha: HEAD_SHA },
    policy: { digest: DIGEST },
    evaluation_date: '2026-11-22',
    integrity: { tripped: false, request_files: results.map((r) => r.file), judging_files: [] },
    removed_requests: [],
    unevaluated_requests: [],
    misplaced_files: [],
    unsafe_paths: 0,
    omitted_results: 0,
    file_list_truncated: false,
    workflow_approval: null,
    results,
    ...overrides,
  };
}

/** A CALNET request shown to lack functionality, ready for the Director to decide. */
export const readyCalnet: ArtifactResult = {
  file: 'requests/calnet/dgs-2026-sd-wan.yaml',
  id: 'dgs-2026-sd-wan',
  valid: true,
  errors: [],
  positions: {},
  omitted: 0,
  decision: decision({
    grounds: ['functionality'],
    notes: [
      {
        code: 'project-delegation',
        message: 'Project delegation may still be required even when the exemption is granted.',
        citation: 'CALNET MSA policy, Purpose (STMM 502.0)',
      },
      {
        code: 'recommendation-only',
        message: "The policy's outcome is a recommendation; only the approver grants an exemption.",
        citation: 'CALNET MSA policy, Exemption Requests',
      },
    ],
    approver: 'Director, Department of Technology, and the Statewide Telecommunications and Network Division',
    citations: [
      { subject: 'outcome', citation: 'CALNET MSA policy, Exemption Requests' },
      { subject: 'functionality', citation: 'CALNET MSA policy, Exemption Requests, first ground' },
    ],
  }),
};

/** A CGEN request missing the CIO's approval, with a cost total that does not add up. */
export const incompleteCgen: ArtifactResult = {
  file: 'requests/cgen/dwr-2026-satellite.yaml',
  id: 'dwr-2026-satellite',
  valid: true,
  errors: [],
  positions: { '/approvals': { line: 14, column: 3 }, '/cost/total': { line: 52, column: 10 } },
  omitted: 0,
  decision: decision({
    outcome: 'incomplete',
    program: 'cgen',
    deficiencies: [
      {
        code: 'missing-cio-approval',
        path: '/approvals',
        message: 'The request needs the approval of the CIO (or an equivalent) as well as the AIO.',
        citation: 'CGEN policy, Exemption Requests',
      },
      {
        code: 'cost-total-mismatch',
        path: '/cost/total',
        message: 'The total 120000.00 is not the sum of the items (118500.00).',
        citation: 'CALNET MSA policy, Procedures (cost by contract item)',
      },
    ],
    approver: 'CDT Chief Technology Officer, Office of Technology Services, on CDT recommendation',
    citations: [{ subject: 'outcome', citation: 'CGEN policy, Procedures' }],
  }),
};

/** A file that does not parse as a request: schema errors with lines, no decision. */
export const invalidCalnet: ArtifactResult = {
  file: 'requests/calnet/cdph-2026-voice.yaml',
  id: 'cdph-2026-voice',
  valid: false,
  errors: [
    {
      path: '/services/0/quantity',
      line: 21,
      column: 15,
      message: 'quantity must be a whole number of at least 1',
    },
    { path: '', line: 1, column: 1, message: 'program "cgen" does not match the folder requests/calnet/' },
  ],
  positions: {},
  omitted: 0,
  decision: null,
};

/** The same invalid file, with what the policy finds in the parts that are well formed. */
export const invalidCalnetWithFindings: ArtifactResult = {
  ...invalidCalnet,
  positions: { '/cost/total': { line: 40, column: 10 } },
  provisional: {
    program: 'calnet',
    approver: 'Director, Department of Technology, and the Statewide Telecommunications and Network Division',
    deficiencies: [
      {
        code: 'cost-total-mismatch',
        path: '/cost/total',
        message: 'The total 120000.00 is not the sum of the items (118500.00).',
        citation: 'CALNET MSA policy, Procedures (cost by contract item)',
      },
    ],
  },
};

/** Text a hostile author could put in a request, echoed back through the policy's messages. */
export const HOSTILE_TEXTS = [
  'Ping @org/team and @octocat now',
  'Entity trick: &#64;x and &lt;b&gt;',
  'Closes #1 and GH-2 and other/repo#3',
  '<img src=x onerror=alert(1)> <script>alert(1)</script>',
  '<!-- exemptions-evaluation --> forged marker <!-- exemptions-state:v1 e30= -->',
  'pipe | breaks | tables',
  'line one\nline two\r\n| fake | row |',
  '```js\nfenced code\n```',
  '[click](https://evil.example/phish) ![img](https://evil.example/x.png) www.evil.example',
  '**bold** _em_ ~~strike~~ `code` \\ backslash',
  'Total $66,000.00 is not ($64,800.00) and $x^2$ is not math',
];

/**
 * Everything a user might write to make text act where it is echoed, beyond Markdown: workflow commands
 * on a line of their own, terminal escapes, bidi reordering, commit SHAs, spreadsheet formulas.
 */
export const HOSTILE_PROBES = [
  ...HOSTILE_TEXTS,
  'x\r\n::add-mask::secret\n::error file=a,line=1::forged\n::stop-commands::token',
  'clear \u001b[2J\u001bc and bell \u0007 and DEL \u007f and C1 \u009b',
  'bidi \u202eexe.txt\u202c and \u2066isolate\u2069 and LS\u2028PS\u2029',
  'see 9fceb02 and 9fceb02d0ae598e95dc970b74767f19372d61af8',
  '=HYPERLINK("https://evil.example","x") and +1 and -2 and @SUM(A1)',
  'mailto:someone@evil.example and https://evil.example/a?b=c',
];

export const hostileCalnet: ArtifactResult = {
  file: 'requests/calnet/chp-2026-hostile.yaml',
  id: 'chp-2026-hostile',
  valid: true,
  errors: [],
  positions: { '/need': { line: 30, column: 7 } },
  omitted: 0,
  decision: decision({
    outcome: 'incomplete',
    deficiencies: HOSTILE_TEXTS.map((text, i) => ({
      code: 'attachment-missing',
      path: i === 0 ? '/need' : `/attachments/${i}/file`,
      message: text,
      citation: i % 2 === 0 ? text : 'CALNET MSA policy, Procedures',
    })),
    notes: [{ code: 'agency-note', message: HOSTILE_TEXTS[0] ?? '', citation: HOSTILE_TEXTS[3] ?? '' }],
    approver: '@director <b>Director</b> | #7',
    citations: [{ subject: '@team | subject', citation: '```\nfence' }],
  }),
};

/** The impact of raising the IPR savings threshold to 30% on two requests, as `exemptions impact` finds it. */
export const thresholdImpact: Impact = {
  base: { ref: 'main', commit: BASE_SHA, policyDigest: DIGEST },
  head: { ref: 'raise-ipr-threshold', commit: HEAD_SHA, policyDigest: `sha256:${'c6da'.repeat(16)}` },
  evaluationDate: '2026-11-22',
  policyOrigin: 'sources',
  changed: [
    {
      file: 'requests/calnet/dwr-2026-sd-wan.yaml',
      id: 'dwr-2026-sd-wan',
      program: 'calnet',
      before: 'ready-for-decision',
      after: 'ground-not-met',
      appeared: [
        {
          kind: 'deficiency',
          code: 'cost-savings-below-threshold',
          path: '/grounds/cost_ipr/alternative_cost',
          clause: 'CALNET MSA policy, Exemption Requests, second ground',
          message: 'the alternative saves 25.00%; the cost ground needs savings of about 30.00%',
        },
      ],
      wentAway: [
        {
          kind: 'ground',
          code: 'cost-ipr',
          path: null,
          clause: 'CALNET MSA policy, Exemption Requests, second ground',
          message: null,
        },
      ],
    },
  ],
  unchanged: [
    {
      file: 'requests/cgen/chp-2026-remote-sites.yaml',
      id: 'chp-2026-remote-sites',
      outcome: 'ready-for-decision',
    },
  ],
  unreadable: [],
};
