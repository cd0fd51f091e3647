/** The line ending a part already uses, so that inserted lines do not mix styles. */
export function lineEnding(source: string): '\r\n' | '\n' {
  return source.includes('\r\n') ? '\r\n' : '\n';
}
