/** The one way a place in a file is written for people and editors: `file:line:column`. */

export interface FilePosition {
  line: number;
  column: number;
}

/** `file:line:column`, or just the file when the place within it is unknown. */
export function located(file: string, position?: FilePosition): string {
  return position ? `${file}:${position.line}:${position.column}` : file;
}
