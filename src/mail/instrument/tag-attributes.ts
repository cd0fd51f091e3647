// htmlparser2 reports where a tag starts and ends but not where its attribute values are, so the
// value is found again in the tag's own source, following the HTML tokenizer's attribute states
// (https://html.spec.whatwg.org/#before-attribute-name-state) rather than a regular expression.

export interface AttributeValueSpan {
  /** Offsets of the value inside the tag source, quotes excluded. */
  start: number;
  end: number;
  /** `''` for an unquoted value. */
  quote: '"' | "'" | '';
}

function isSpace(character: string | undefined): boolean {
  return (
    character === ' ' ||
    character === '\t' ||
    character === '\n' ||
    character === '\r' ||
    character === '\f'
  );
}

function endsName(character: string | undefined): boolean {
  return isSpace(character) || character === '/' || character === '>';
}

/**
 * The value of the first attribute called `name` (lower case) in `tag`, the source of one start
 * tag from `<` to `>`. The first one wins, as in browsers. `undefined` when the tag has no such
 * attribute or it has no value.
 */
export function findAttributeValue(tag: string, name: string): AttributeValueSpan | undefined {
  let index = 1;
  while (index < tag.length && !endsName(tag[index])) index++;
  while (index < tag.length) {
    const character = tag[index];
    if (character === '>') return undefined;
    if (isSpace(character) || character === '/') {
      index++;
      continue;
    }
    // A leading '=' belongs to the name, as the tokenizer has it.
    const nameStart = index++;
    while (index < tag.length && !endsName(tag[index]) && tag[index] !== '=') index++;
    const isWanted = tag.slice(nameStart, index).toLowerCase() === name;
    let next = index;
    while (isSpace(tag[next])) next++;
    if (tag[next] !== '=') {
      if (isWanted) return undefined;
      index = next;
      continue;
    }
    next++;
    while (isSpace(tag[next])) next++;
    const quote = tag[next];
    let span: AttributeValueSpan;
    if (quote === '"' || quote === "'") {
      const close = tag.indexOf(quote, next + 1);
      if (close === -1) return undefined;
      span = { start: next + 1, end: close, quote };
      index = close + 1;
    } else if (quote === '>' || quote === undefined) {
      if (isWanted) return undefined;
      index = next;
      continue;
    } else {
      let end = next;
      while (end < tag.length && !isSpace(tag[end]) && tag[end] !== '>') end++;
      span = { start: next, end, quote: '' };
      index = end;
    }
    if (isWanted) return span;
  }
  return undefined;
}
