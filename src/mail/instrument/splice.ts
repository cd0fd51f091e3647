export interface Edit {
  /** Offsets in the source; `start === end` inserts. */
  start: number;
  end: number;
  text: string;
}

/**
 * Builds the output from the untouched source between edits, so that everything outside the
 * edits is byte-for-byte the source.
 */
export function applyEdits(source: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const pieces: string[] = [];
  let position = 0;
  for (const edit of sorted) {
    if (edit.start < position || edit.end < edit.start || edit.end > source.length) {
      throw new RangeError(`overlapping or invalid edit at ${edit.start}..${edit.end}`);
    }
    pieces.push(source.slice(position, edit.start), edit.text);
    position = edit.end;
  }
  pieces.push(source.slice(position));
  return pieces.join('');
}
