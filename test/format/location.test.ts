/**
 * The location rules: the program folder, the id as the file name, and supporting documents as
 * separate regular files inside the request's own folder, reached without leaving it.
 */
import {
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { MAX_DOCUMENT_BYTES } from '../../scripts/core/limits.ts';
import { checkLocation, documentPathProblem } from '../../scripts/request/location.ts';
import { checkRequestFile } from '../../scripts/request/validate.ts';
import { copyExample, exampleRequest, scratchFolder } from '../support/requests.ts';

const scratch = scratchFolder('location');
afterAll(scratch.remove);

let root: string;
let file: string;
let docs: string;
let run = 0;
beforeEach(() => {
  root = join(scratch.dir, `case-${++run}`);
  file = copyExample(root, 'calnet', 'dwr-2026-sd-wan');
  docs = join(dirname(file), 'dwr-2026-sd-wan');
});

/** Rewrites one field of the copied request file, keeping everything else as it is. */
function setField(path: (string | number)[], value: unknown): void {
  const doc = parseDocument(readText(file));
  doc.setIn(path, value);
  writeFileSync(file, doc.toString());
}

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

function messages(): string[] {
  return checkRequestFile(file).errors.map((e) => `${e.path} ${e.message}`);
}

describe('placement', () => {
  it('accepts the example where it belongs', () => {
    expect(checkRequestFile(file)).toMatchObject({ valid: true, errors: [], warnings: [] });
  });

  it('rejects a request whose program does not match its folder, at the program field', () => {
    const target = join(root, 'requests', 'cgen', 'dwr-2026-sd-wan.yaml');
    mkdirSync(dirname(target), { recursive: true });
    renameSync(file, target);
    renameSync(docs, join(root, 'requests', 'cgen', 'dwr-2026-sd-wan'));
    const checked = checkRequestFile(target);
    expect(checked.errors.map((e) => [e.path, e.line])).toEqual([['/program', 9]]);
    expect(checked.errors[0]?.message).toContain('belongs in requests/calnet/');
  });

  it('rejects a request placed directly in requests/ or in a sub-folder of a program folder', () => {
    for (const place of [join(root, 'requests'), join(root, 'requests', 'calnet', 'drafts')]) {
      mkdirSync(place, { recursive: true });
      const target = join(place, 'dwr-2026-sd-wan.yaml');
      renameSync(file, target);
      const location = checkLocation(target, exampleRequest('calnet', 'dwr-2026-sd-wan'));
      expect(location.errors.map((e) => e.message)).toContainEqual(
        expect.stringContaining('belongs directly in requests/calnet/ or requests/cgen/'),
      );
      renameSync(target, file);
    }
  });

  it('only warns for a draft outside any requests folder, and still checks the rest', () => {
    const drafts = join(root, 'drafts');
    mkdirSync(drafts);
    const draft = join(drafts, 'dwr-2026-sd-wan.yaml');
    renameSync(file, draft);
    const checked = checkRequestFile(draft);
    expect(checked.warnings.map((w) => w.message)).toEqual([
      'this file is not in requests/calnet/ or requests/cgen/, so the folder rule was not checked; a submitted request goes in requests/calnet/',
    ]);
    // Its documents folder is still expected beside it.
    expect(checked.errors.map((e) => e.path)).toEqual([
      '/grounds/cost_ipr/ipr_document',
      '/attachments/0/file',
      '/attachments/1/file',
      '/attachments/2/file',
    ]);
  });

  it('rejects a file whose name does not end in .yaml', () => {
    const yml = file.replace(/\.yaml$/, '.yml');
    renameSync(file, yml);
    renameSync(docs, yml.replace(/\.yml$/, ''));
    expect(checkRequestFile(yml).errors.map((e) => e.message)).toContain(
      'a request file name ends in .yaml (not .yml or anything else)',
    );
  });
});

describe('the id is the file name', () => {
  it('rejects an id that differs from the file name, at the id field', () => {
    setField(['id'], 'dwr-2026-sdwan');
    const checked = checkRequestFile(file);
    expect(checked.errors.map((e) => [e.path, e.line, e.column])).toEqual([['/id', 8, 5]]);
    expect(checked.errors[0]?.message).toBe(
      'id is "dwr-2026-sdwan" but the file is named dwr-2026-sd-wan.yaml; the id must be the file name without .yaml, so rename the file or change the id',
    );
  });
});

describe('supporting documents', () => {
  it('rejects a path that leaves the folder with ..', () => {
    setField(['attachments', 1, 'file'], '../dmv-2026-rural-field-offices/vendor/northstate-quote.md');
    expect(messages()).toEqual([
      expect.stringMatching(/^\/attachments\/1\/file the document path .* goes up with "\.\."/),
    ]);
  });

  it('rejects an absolute path', () => {
    setField(['attachments', 1, 'file'], '/etc/passwd');
    expect(messages()).toEqual([expect.stringContaining('is an absolute path')]);
  });

  it('rejects backslashes, drive letters and ./ parts', () => {
    expect(documentPathProblem('vendor\\quote.md')).toContain('backslash');
    expect(documentPathProblem('C:/quote.md')).toContain('absolute');
    expect(documentPathProblem('./vendor/quote.md')).toContain('"." part');
    expect(documentPathProblem('vendor//quote.md')).toContain('empty');
    expect(documentPathProblem('vendor/quote\u0007.md')).toContain('control character');
    expect(documentPathProblem('vendor/quote.md')).toBeUndefined();
  });

  it('rejects a symbolic link that leads out of the folder', () => {
    const outside = join(root, 'outside.md');
    writeFileSync(outside, 'not a supporting document\n');
    rmSync(join(docs, 'vendor', 'sierra-fiber-quote.md'));
    symlinkSync(outside, join(docs, 'vendor', 'sierra-fiber-quote.md'));
    expect(messages()).toEqual([
      expect.stringContaining(
        "/attachments/1/file the document calnet/dwr-2026-sd-wan/vendor/sierra-fiber-quote.md is a symbolic link leading out of the request's folder",
      ),
    ]);
  });

  it('rejects a document folder that is itself a link out', () => {
    const elsewhere = join(root, 'elsewhere');
    renameSync(docs, elsewhere);
    symlinkSync(elsewhere, docs);
    const errors = messages();
    expect(errors).toHaveLength(4);
    expect(errors[0]).toContain('is a symbolic link; it must be a real folder');
  });

  it('accepts a link that stays inside the folder', () => {
    rmSync(join(docs, 'sla', 'sierra-fiber-sla.md'));
    symlinkSync('../vendor/sierra-fiber-quote.md', join(docs, 'sla', 'sierra-fiber-sla.md'));
    expect(messages()).toEqual([]);
  });

  it('rejects a folder named as a document, and an empty document', () => {
    rmSync(join(docs, 'sla', 'sierra-fiber-sla.md'));
    mkdirSync(join(docs, 'sla', 'sierra-fiber-sla.md'));
    writeFileSync(join(docs, 'vendor', 'sierra-fiber-quote.md'), '');
    expect(messages()).toEqual([
      expect.stringContaining(
        '/attachments/1/file the document calnet/dwr-2026-sd-wan/vendor/sierra-fiber-quote.md is empty',
      ),
      expect.stringContaining(
        '/attachments/2/file the document calnet/dwr-2026-sd-wan/sla/sierra-fiber-sla.md is not a regular file',
      ),
    ]);
  });

  it('rejects a document over the size limit, by its size alone', () => {
    truncateSync(join(docs, 'vendor', 'sierra-fiber-quote.md'), MAX_DOCUMENT_BYTES + 1);
    expect(messages()).toEqual([
      expect.stringContaining(
        `/attachments/1/file the document calnet/dwr-2026-sd-wan/vendor/sierra-fiber-quote.md is ${(MAX_DOCUMENT_BYTES + 1).toLocaleString('en-US')} bytes; a supporting document may be at most`,
      ),
    ]);
  });

  it('checks the IPR and FSR documents named by the grounds', () => {
    rmSync(join(docs, 'ipr', 'ipr-2026-14.md'));
    expect(messages()).toEqual([
      expect.stringContaining(
        '/grounds/cost_ipr/ipr_document the document calnet/dwr-2026-sd-wan/ipr/ipr-2026-14.md does not exist',
      ),
      expect.stringContaining(
        '/attachments/0/file the document calnet/dwr-2026-sd-wan/ipr/ipr-2026-14.md does not exist',
      ),
    ]);
  });

  it('reports a missing documents folder at each document that needs it', () => {
    rmSync(docs, { recursive: true });
    const errors = messages();
    expect(errors).toHaveLength(4);
    for (const e of errors)
      expect(e).toContain('the supporting-documents folder calnet/dwr-2026-sd-wan/ does not exist');
  });

  it('needs no folder when no documents are listed', () => {
    rmSync(docs, { recursive: true });
    const doc = parseDocument(readText(file));
    doc.setIn(['attachments'], doc.createNode([]));
    doc.deleteIn(['grounds', 'cost_ipr']);
    doc.setIn(['grounds', 'functionality'], doc.createNode({ lacking: ['features'], explanation: 'x' }));
    writeFileSync(file, doc.toString());
    expect(messages()).toEqual([]);
  });
});
