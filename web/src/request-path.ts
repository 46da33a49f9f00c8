/** Where a request goes in the repository, from its own fields: `requests/<program>/<id>.yaml`. */
export interface RequestPlace {
  /** `requests/<program>`. */
  folder: string;
  /** `<id>.yaml`. */
  name: string;
  /** `requests/<program>/<id>.yaml`. */
  path: string;
  /** The folder of its supporting documents, `requests/<program>/<id>`. */
  documents: string;
}

/**
 * The file a request is in the repository. A program other than the two, or an id that could not be a
 * file name, gives a placeholder: the schema reports the field itself.
 */
export function requestPlace(request: unknown): RequestPlace {
  const fields = (request ?? {}) as { program?: unknown; id?: unknown };
  const program = fields.program === 'cgen' ? 'cgen' : 'calnet';
  const id =
    typeof fields.id === 'string' && /^[^/\\\0]+$/.test(fields.id) && fields.id !== '.' && fields.id !== '..'
      ? fields.id
      : 'request';
  const folder = `requests/${program}`;
  return { folder, name: `${id}.yaml`, path: `${folder}/${id}.yaml`, documents: `${folder}/${id}` };
}
