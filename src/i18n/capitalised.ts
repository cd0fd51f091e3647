/** `text` with its first letter upper case, for a sentence that starts with a lower-case part. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
