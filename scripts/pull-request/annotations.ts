/**
 * GitHub Actions workflow commands for line annotations (`::error file=...,line=...::message`). Request text
 * can reach these lines, so every value is escaped the way the Actions runner decodes it: a message cannot
 * end the command early, start a new command on a new line, or add properties.
 */
import { workflowCommandData, workflowCommandProperty } from '../render/escape.ts';
import type { ArtifactResult, EvaluationArtifact } from './artifact.ts';

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  file?: string;
  line?: number;
  column?: number;
  title: string;
  message: string;
}

export function formatAnnotation(a: Annotation): string {
  const properties: string[] = [];
  if (a.file) properties.push(`file=${workflowCommandProperty(a.file)}`);
  if (a.line) properties.push(`line=${a.line}`);
  if (a.column) properties.push(`col=${a.column}`);
  properties.push(`title=${workflowCommandProperty(a.title)}`);
  return `::${a.level} ${properties.join(',')}::${workflowCommandData(a.message)}`;
}

function resultAnnotations(r: ArtifactResult): Annotation[] {
  const annotations: Annotation[] = r.errors.map((e) => ({
    level: 'error',
    file: r.file,
    line: e.line,
    column: e.column,
    title: 'request format',
    message: e.path ? `${e.path}: ${e.message}` : e.message,
  }));
  const d = r.decision;
  if (!d) return annotations;
  for (const def of d.deficiencies) {
    const position = r.positions[def.path];
    annotations.push({
      level: 'error',
      file: r.file,
      ...(position ? { line: position.line, column: position.column } : { line: 1 }),
      title: `${d.outcome}: ${def.code}`,
      message: `${def.message} (${def.citation})`,
    });
  }
  if (d.outcome === 'ato-bound' || (d.outcome === 'ground-not-met' && d.deficiencies.length === 0)) {
    annotations.push({
      level: 'error',
      file: r.file,
      line: 1,
      title: d.outcome,
      message: d.citations.map((c) => `${c.subject}: ${c.citation}`).join('; ') || d.outcome,
    });
  }
  return annotations;
}

/** Every annotation for one evaluation, integrity findings first. */
export function annotationsFor(artifact: EvaluationArtifact): Annotation[] {
  const annotations: Annotation[] = [];
  if (artifact.integrity.tripped) {
    for (const f of artifact.integrity.judging_files) {
      annotations.push({
        level: 'error',
        file: f.path,
        title: 'integrity rule',
        message: `This pull request also changes requests; changes to ${f.group} go in a separate pull request.`,
      });
    }
  }
  for (const path of artifact.misplaced_files) {
    annotations.push({
      level: 'error',
      file: path,
      title: 'request layout',
      message:
        'Files under requests/ belong in requests/calnet/ or requests/cgen/ (documents in the request folder).',
    });
  }
  for (const r of artifact.results) annotations.push(...resultAnnotations(r));
  return annotations;
}
