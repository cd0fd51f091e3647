/** User text made safe for one line of a text part: a file name cannot add lines of its own. */
export function plainLine(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: line breaks and controls are what it removes.
  return value.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ');
}
