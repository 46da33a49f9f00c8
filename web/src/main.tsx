/**
 * The request builder: a form built from the request schema (react-jsonschema-form), the YAML the check
 * reads, and the decision the check would give, updated as the user types. The form's data is written
 * as YAML on every change and that YAML is what is decided, exported and proposed: one text, one answer.
 */

import formValidators from 'virtual:form-validators';
import Form from '@rjsf/core';
import type { ErrorSchema, RegistryFieldsType, RegistryWidgetsType, WidgetProps } from '@rjsf/utils';
import { createPrecompiledValidator } from '@rjsf/validator-ajv8';
import { type ChangeEvent, StrictMode, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { programNameOf } from '../../scripts/core/clauses.ts';
import { groundWords, termWords } from '../../scripts/policy/decision.ts';
import { fileOutcome, outcomeWords } from '../../scripts/policy/outcomes.ts';
import { type Finding, findingsOf, judgedDecision } from '../../scripts/render/findings.ts';
import { nextStep } from '../../scripts/render/next-step.ts';
import { located } from '../../scripts/render/position.ts';
import { loadRequestBytes, pointerSegments } from '../../scripts/request/load.ts';
import type { IsoDate, LocatedError } from '../../scripts/request/types.ts';
import type { FileResult } from '../../scripts/run/pipeline.ts';
import { loadDecider, type PageDecider, requestSchema } from './decide.ts';
import { withoutFillers } from './form-data.ts';
import { formLayout, formSchema, HIDDEN_SECTION } from './form-schema.ts';
import { proposeUrl, type Site, uploadUrl } from './propose.ts';
import { requestPlace } from './request-path.ts';
import { requestYaml } from './request-yaml.ts';

const site: Site = SITE;
const schema = formSchema(requestSchema);
/** Only what lays the form out, compiled at build (the decision is the check's, not the form's). */
const formValidator = createPrecompiledValidator(formValidators, schema);
const fields: RegistryFieldsType = { [HIDDEN_SECTION]: () => null };
/** Longer than this, a text field is a text area. */
const LONG_TEXT = 300;

/** The user's own today as YYYY-MM-DD: the date the page decides on unless the user changes it. */
function localToday(now: Date = new Date()): IsoDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The id react-jsonschema-form gives the field at a JSON Pointer (`/agency/code` → `root_agency_code`). */
export function fieldId(pointer: string): string {
  return ['root', ...pointerSegments(pointer)].join('_');
}

/** The findings placed under the fields they name, as react-jsonschema-form shows a field's errors. */
function errorSchemaOf(findings: Finding[]): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const finding of findings) {
    if (finding.level === 'note' || finding.path === '') continue;
    let node = root;
    for (const segment of pointerSegments(finding.path)) {
      node[segment] ??= {};
      node = node[segment] as Record<string, unknown>;
    }
    const errors = (node.__errors as string[] | undefined) ?? [];
    errors.push(finding.message);
    node.__errors = errors;
  }
  return root as ErrorSchema;
}

/** A text field, or a text area for the long answers the schema allows (need, explanations). */
function TextOrArea(props: WidgetProps) {
  const { id, value, required, disabled, readonly, schema, onChange, onBlur, onFocus, options } = props;
  const long = typeof schema.maxLength === 'number' && schema.maxLength > LONG_TEXT;
  const describedBy = [`${id}__error`, `${id}__description`, `${id}__help`].join(' ');
  const common = {
    id,
    name: id,
    className: 'form-control',
    value: value ?? '',
    required,
    disabled: disabled || readonly,
    'aria-describedby': describedBy,
    onBlur: () => onBlur(id, value),
    onFocus: () => onFocus(id, value),
  };
  const change = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    onChange(event.target.value === '' ? options.emptyValue : event.target.value);
  if (long) return <textarea {...common} rows={4} onChange={change} />;
  // Numbers are typed as text (react-jsonschema-form's number field reads them); the keyboard they need.
  const numeric = schema.type === 'number' || schema.type === 'integer';
  return <input {...common} type="text" inputMode={numeric ? 'decimal' : undefined} onChange={change} />;
}

const widgets: RegistryWidgetsType = {
  TextWidget: TextOrArea,
  DateWidget: TextOrArea,
  EmailWidget: TextOrArea,
};

interface Imported {
  source: string;
  errors: LocatedError[];
}

function ImportPanel({ onRequest }: { onRequest: (request: unknown, source: string) => void }) {
  const [pasted, setPasted] = useState('');
  const [outcome, setOutcome] = useState<Imported | null>(null);
  const take = (source: string, bytes: Uint8Array) => {
    // The loader's rules for a file: size, encoding, then the YAML, each problem at its line and column.
    const loaded = loadRequestBytes(source, bytes);
    setOutcome({ source, errors: loaded.errors });
    if (loaded.errors.length === 0) onRequest(loaded.request, source);
  };
  return (
    <section aria-labelledby="import-heading" className="panel">
      <h2 id="import-heading">Import a request</h2>
      <label htmlFor="import-file">YAML file</label>
      <input
        id="import-file"
        type="file"
        accept=".yaml,.yml,text/yaml"
        onChange={async (event) => {
          const input = event.target;
          const file = input.files?.[0];
          if (file) take(file.name, new Uint8Array(await file.arrayBuffer()));
          // Choosing the same file again imports it again.
          input.value = '';
        }}
      />
      <label htmlFor="import-text">Or paste the YAML</label>
      <textarea id="import-text" rows={6} value={pasted} onChange={(e) => setPasted(e.target.value)} />
      <button
        type="button"
        id="import-paste"
        onClick={() => take('pasted.yaml', new TextEncoder().encode(pasted))}
      >
        Import the pasted YAML
      </button>
      <output id="import-result">
        {outcome && outcome.errors.length === 0 && <p>Imported {outcome.source}.</p>}
        {outcome && outcome.errors.length > 0 && (
          <>
            <p>{outcome.source} could not be read; nothing was imported:</p>
            <ul className="import-errors">
              {outcome.errors.map((e) => (
                <li key={`${e.line}:${e.column}:${e.message}`}>
                  {located(e.file, e)} {e.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </output>
    </section>
  );
}

/** Findings under a heading, each linked to its field; nothing when there are none. */
function FindingList({ heading, findings }: { heading: string; findings: Finding[] }) {
  if (findings.length === 0) return null;
  return (
    <>
      <h3>
        {heading} ({findings.length})
      </h3>
      <ol>
        {findings.map((f, i) => (
          <li key={`${i}:${f.path}:${f.code ?? ''}`} data-code={f.code ?? ''} data-level={f.level}>
            <span className="level">{f.level}</span>{' '}
            {f.path !== '' && <a href={`#${fieldId(f.path)}`}>{f.path}</a>} {f.message}
            {f.citation && <span className="citation"> ({f.citation})</span>}
          </li>
        ))}
      </ol>
    </>
  );
}

/** Words as a sentence: one full stop at the end (a finding's own words may end with one). */
function sentence(words: string): string {
  return /[.!?]$/.test(words) ? words : `${words}.`;
}

function DecisionPanel({ result, path, digest }: { result: FileResult; path: string; digest: string }) {
  const outcome = fileOutcome(result);
  const words = outcomeWords(outcome);
  const step = nextStep(result);
  const decision = judgedDecision(result);
  const findings = findingsOf(result);
  const program = programNameOf(path, decision?.program);
  return (
    <section aria-labelledby="decision-heading" className="panel decision" data-outcome={outcome}>
      <h2 id="decision-heading">Decision</h2>
      <p className="outcome" id="decision-outcome">
        <span aria-hidden="true">{words?.mark}</span> {program ? `${program}: ` : ''}
        <strong>{words?.words ?? outcome}</strong>
      </p>
      <p id="next-step">{`${step.done ? 'Done' : 'Next'}: ${sentence(step.words)}`}</p>
      <div id="findings">
        <FindingList heading="To do" findings={findings.filter((f) => f.level !== 'note')} />
        <FindingList
          heading="Notes for the reviewers"
          findings={findings.filter((f) => f.level === 'note')}
        />
      </div>
      {result.decision && (
        <dl>
          {result.decision.grounds.length > 0 && (
            <>
              <dt>Grounds</dt>
              <dd>{result.decision.grounds.map(groundWords).join('; ')}</dd>
            </>
          )}
          {result.decision.approver && (
            <>
              <dt>Approver</dt>
              <dd id="approver">{result.decision.approver}</dd>
            </>
          )}
          {result.decision.term && (
            <>
              <dt>Term covered</dt>
              <dd>{termWords(result.decision.term)}</dd>
            </>
          )}
          {result.decision.citations.length > 0 && (
            <>
              <dt>Clauses</dt>
              <dd>
                <ul className="clauses">
                  {result.decision.citations.map((c) => (
                    <li key={c.subject}>
                      {c.subject}: {c.citation}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
        </dl>
      )}
      <p className="digest">
        Policy <code id="policy-digest">{digest}</code>
      </p>
    </section>
  );
}

function App({ decider }: { decider: PageDecider }) {
  const [data, setData] = useState<unknown>({ format: 2 });
  const [date, setDate] = useState<IsoDate>(localToday());
  const [formKey, setFormKey] = useState(0);
  const edited = useRef(false);
  const yaml = useMemo(() => requestYaml(data), [data]);
  const place = requestPlace(data);
  // A fault in deciding is shown as one, never as an outcome (the check would stop with an internal error).
  const decided = useMemo((): { result: FileResult } | { fault: string } => {
    try {
      return { result: decider.decide(yaml, place.path, date) };
    } catch (error) {
      return { fault: error instanceof Error ? error.message : String(error) };
    }
  }, [decider, yaml, place.path, date]);
  const result = 'result' in decided ? decided.result : null;
  const layout = useMemo(() => formLayout(requestSchema, data), [data]);
  const extraErrors = useMemo(() => (result ? errorSchemaOf(findingsOf(result)) : {}), [result]);
  useEffect(() => {
    // An edit starts when the browser delivers the input, before the form has seen it.
    const mark = () => performance.mark('edit');
    document.addEventListener('input', mark, { capture: true });
    return () => document.removeEventListener('input', mark, { capture: true });
  }, []);
  useEffect(() => {
    // The time from an edit to the decision on screen, for the bench (performance marks, no assertion).
    if (edited.current) performance.measure('edit-to-decision', 'edit');
    edited.current = false;
    document.body.dataset.decided = String(Number(document.body.dataset.decided ?? '0') + 1);
  });
  const download = () => {
    const url = URL.createObjectURL(new Blob([yaml], { type: 'text/yaml' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = place.name;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <header>
        <h1>Exemption request builder</h1>
        <p>
          Write a request for an exemption from the CALNET MSA or CGEN; the decision beside the form is the
          one the repository's check gives, by the same policy.
        </p>
        <label htmlFor="evaluation-date">Decide as of</label>
        <input
          id="evaluation-date"
          type="date"
          value={date}
          onChange={(e) => e.target.value && setDate(e.target.value)}
        />
      </header>
      <main>
        <div className="form-column">
          <ImportPanel
            onRequest={(request) => {
              setData(request);
              setFormKey((k) => k + 1);
            }}
          />
          <section aria-labelledby="form-heading" className="panel">
            <h2 id="form-heading">The request</h2>
            <Form
              key={formKey}
              schema={schema}
              uiSchema={layout}
              formData={data}
              validator={formValidator}
              widgets={widgets}
              fields={fields}
              extraErrors={extraErrors}
              noHtml5Validate
              showErrorList={false}
              experimental_defaultFormStateBehavior={{
                arrayMinItems: { populate: 'never' },
                emptyObjectFields: 'skipDefaults',
                // What the page decides is what the user wrote: a constant the request lacks stays missing.
                constAsDefaults: 'never',
              }}
              onChange={(event) => {
                edited.current = true;
                setData((before: unknown) => withoutFillers(event.formData, before));
              }}
            />
          </section>
        </div>
        <aside className="decision-column" aria-label="Decision and submission">
          <div aria-live="polite">
            {result ? (
              <DecisionPanel result={result} path={place.path} digest={decider.digest} />
            ) : (
              <section aria-labelledby="decision-heading" className="panel decision" data-outcome="fault">
                <h2 id="decision-heading">Decision</h2>
                <p role="alert">
                  The page could not decide this request ({'fault' in decided ? decided.fault : ''}); nothing
                  here says whether it is ready. Check it with <code>npx exemptions check</code> or in the
                  pull request.
                </p>
              </section>
            )}
          </div>
          <section aria-labelledby="submit-heading" className="panel">
            <h2 id="submit-heading">Submit</h2>
            <p>
              The request goes in <code id="request-path">{place.path}</code>; its supporting documents go in
              the folder <code>{`${place.documents}/`}</code>.
            </p>
            <button type="button" id="export" onClick={download}>
              Download {place.name}
            </button>
            <p>
              <a
                id="propose"
                href={proposeUrl(site, place.path, yaml)}
                target="_blank"
                rel="noopener noreferrer"
              >
                Propose on GitHub (opens a new tab)
              </a>
            </p>
            <p>
              <a
                id="upload"
                href={uploadUrl(site, place.documents)}
                target="_blank"
                rel="noopener noreferrer"
              >
                Upload the supporting documents (opens a new tab)
              </a>
            </p>
            <details>
              <summary id="yaml-heading">The YAML</summary>
              {/* Scrolls when long, so it takes the keyboard focus to be scrolled by keyboard. */}
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
              <pre id="yaml" tabIndex={0}>
                {yaml}
              </pre>
            </details>
          </section>
        </aside>
      </main>
    </>
  );
}

async function start(): Promise<void> {
  const mount = document.getElementById('app');
  if (!mount) throw new Error('the page has no #app element');
  try {
    const decider = await loadDecider(new URL('./', document.baseURI));
    createRoot(mount).render(
      <StrictMode>
        <App decider={decider} />
      </StrictMode>,
    );
  } catch (error) {
    mount.textContent = `The page could not load the policy: ${error instanceof Error ? error.message : String(error)}`;
    throw error;
  }
}

void start();
