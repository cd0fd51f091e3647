import { Parser } from 'htmlparser2';

/**
 * The value a browser reads from the raw text of an attribute value (entities decoded, with the
 * attribute rules for legacy entities such as `&copy=`), by letting the parser read it.
 */
export function decodeAttributeValue(raw: string, quote: '"' | "'" | ''): string {
  let value = '';
  const parser = new Parser({
    onopentag(_name, attributes) {
      value = attributes.v ?? '';
    },
  });
  parser.end(`<a v=${quote}${raw}${quote}>`);
  return value;
}
