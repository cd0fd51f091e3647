/** Among written dates only those of days 8 and 11 start with a vowel sound (otto, undici). */
export function startsWithVowelSound(date: string): boolean {
  return /^(?:8|11) /.test(date);
}

/**
 * Italian elides the article before a vowel sound: `il 27 dicembre`, `l’8 marzo`; with a
 * preposition `al 27`, `all’8`; `dal 27`, `dall’11`. `date` is the date as written out.
 */
export function italianArticle(date: string, preposition: '' | 'a' | 'da'): string {
  const elided = startsWithVowelSound(date);
  if (preposition === '') return elided ? 'l’' : 'il ';
  return `${preposition}${elided ? 'll’' : 'l '}`;
}
