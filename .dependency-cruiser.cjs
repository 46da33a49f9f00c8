/**
 * The import rules of ARCHITECTURE.md, checked by `npm run check:imports` (part of `npm test`).
 * Folders under scripts/ are layered in the order of the flow: a folder imports only folders before it.
 */
const layer = (folder, allowed) => ({
  name: `${folder}-imports-only-earlier-layers`,
  comment: `scripts/${folder}/ may import only ${allowed.length ? allowed.join(', ') : 'node and packages'} (ARCHITECTURE.md)`,
  severity: 'error',
  from: { path: `^scripts/${folder}/` },
  to: {
    path: '^scripts/',
    pathNot: [
      `^scripts/${folder}/`,
      ...allowed.map((a) => (a.endsWith('.ts') ? `^scripts/${a}$` : `^scripts/${a}/`)),
    ],
  },
});

module.exports = {
  forbidden: [
    {
      name: 'runtime-never-imports-tools',
      comment:
        'Maintainer tools (scripts/tools/) are never imported by what runs for users, tests or benchmarks of runtime code.',
      severity: 'error',
      from: { path: '^(scripts|bin|web)/', pathNot: '^scripts/tools/' },
      to: { path: '^scripts/tools/' },
    },
    {
      name: 'no-cycles',
      comment: 'Modules form no import cycle.',
      severity: 'error',
      from: { path: '^(scripts|bin|web)/' },
      to: { circular: true },
    },
    {
      name: 'render-never-imports-github',
      comment: 'Rendering is pure: it never reaches the GitHub API.',
      severity: 'error',
      from: { path: '^scripts/render/' },
      to: { path: '^scripts/github/' },
    },
    {
      name: 'runtime-never-imports-tests',
      severity: 'error',
      from: { path: '^(scripts|bin)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'web-imports-only-what-decides',
      comment:
        'web/ (the request builder page) runs the modules of the check and nothing that reaches git or GitHub: core, request, policy, run, render (ARCHITECTURE.md)',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^scripts/', pathNot: '^scripts/(core|request|policy|run|render)/' },
    },
    layer('core', []),
    // The escapers are a leaf every layer may use: a request's messages quote file names for the terminal.
    layer('request', ['core', 'render/escape.ts']),
    layer('policy', ['core', 'request']),
    layer('run', ['core', 'request', 'policy']),
    layer('render', ['core', 'request', 'policy', 'run']),
    layer('pull-request', ['core', 'request', 'policy', 'run', 'render']),
    layer('approvers', ['core', 'request']),
    layer('github', ['core', 'request', 'policy', 'run', 'render', 'pull-request', 'approvers']),
    layer('audit', ['core', 'request', 'policy', 'run', 'render', 'pull-request', 'approvers', 'github']),
    layer('cli', [
      'core',
      'request',
      'policy',
      'run',
      'render',
      'pull-request',
      'approvers',
      'github',
      'audit',
    ]),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
