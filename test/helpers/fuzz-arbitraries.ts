import fc from 'fast-check';

/**
 * Arbitraries for fuzzing the API: hostile values (control characters, impossible dates, numbers
 * out of any range, wrong types, deep nesting) and values shaped after a JSON schema from the
 * OpenAPI document, with each field in turn replaced by a hostile one.
 */

type Schema = Record<string, any>;
/** Follows a `$ref` to the schema it names (the OpenAPI document's components). */
type Resolve = (schema: Schema) => Schema;

/** Characters no name, subject or address may hold: C0 (CR, LF, NUL…), DEL, C1, U+2028/9. */
const CONTROLS = ['\r', '\n', '\r\n', '\u0000', '\t', '\u0007', '\u007f', '\u0085', '\u009b'];
const SEPARATORS = ['\u2028', '\u2029'];

const controlString = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.constantFrom(...CONTROLS, ...SEPARATORS),
    fc.string({ maxLength: 8 }),
  )
  .map(([a, c, b]) => `${a}${c}${b}`);

const hostileDates = fc.constantFrom(
  '2030-06-30T23:59:60Z',
  '2030-02-30T10:00:00Z',
  '2030-13-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '1969-12-31T23:59:59Z',
  '2030-06-30T24:00:00Z',
  '2030-06-30',
  '2030-06-30T12:00:00+99:99',
  'now',
);

const hostileNumbers = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    1.5,
    -0.5,
    2 ** 31,
    2 ** 53,
    -(2 ** 53),
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

const hostileStrings = fc.oneof(
  controlString,
  hostileDates,
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.constantFrom('', ' ', 'a'.repeat(5000), '1e999', '-1', '9'.repeat(40), '__proto__'),
  hostileNumbers.map(String),
);

/** Objects nested `depth` deep, arrays and objects alternating. */
const deepNesting = fc.integer({ min: 20, max: 400 }).map((depth) => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
});

/** Any hostile value of any type. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileStrings,
  hostileNumbers,
  fc.jsonValue({ maxDepth: 3 }),
  deepNesting,
  fc.constantFrom(null, true, false, [], {}),
);

/** A plausible value for one schema node, built from its type, enum, format and bounds. */
function shapedValue(
  schema: Schema,
  resolve: Resolve,
  key: string,
  noise: number,
): fc.Arbitrary<unknown> {
  const node = resolve(schema);
  if (node.enum) return fc.constantFrom(...node.enum);
  if (node.const !== undefined) return fc.constant(node.const);
  const options = node.anyOf ?? node.oneOf;
  if (options) return fc.oneof(...options.map((o: Schema) => mutatedValue(o, resolve, key, noise)));
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  switch (type) {
    case 'object':
      return shapedObject(node, resolve, noise);
    case 'array':
      return fc.array(mutatedValue(node.items ?? {}, resolve, key, noise), { maxLength: 4 });
    case 'integer':
    case 'number':
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: node.minimum ?? 0, max: node.maximum ?? 1000 }) },
        { weight: 1, arbitrary: hostileNumbers },
      );
    case 'boolean':
      return fc.boolean();
    case 'string':
      return shapedString(node, key, noise);
    default:
      return hostileValue;
  }
}

/** Mostly a plausible string for the node; now and then one with a control character. */
function shapedString(node: Schema, key: string, noise: number): fc.Arbitrary<unknown> {
  if (noise === 0) return plausibleString(node, key);
  return fc.oneof(
    { weight: 100, arbitrary: plausibleString(node, key) },
    { weight: noise, arbitrary: controlString },
  );
}

function plausibleString(node: Schema, key: string): fc.Arbitrary<string> {
  if (node.format === 'email' || /email|entry/i.test(key)) return fc.emailAddress();
  if (node.format === 'date-time') {
    return fc.oneof(
      hostileDates,
      fc
        .date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
    );
  }
  if (node.format === 'uri') return fc.webUrl();
  const bounds = { minLength: node.minLength ?? 0, maxLength: Math.min(node.maxLength ?? 30, 30) };
  if (node.pattern && !node.pattern.includes('(?')) {
    try {
      return fc
        .stringMatching(new RegExp(node.pattern, 'u'))
        .filter((t) => t.length <= (node.maxLength ?? 1e9));
    } catch {
      // a pattern fast-check cannot generate from: plain strings below
    }
  }
  return fc.string(bounds);
}

function shapedObject(node: Schema, resolve: Resolve, noise: number): fc.Arbitrary<unknown> {
  const properties: Record<string, Schema> = node.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, value] of Object.entries(properties))
    model[key] = mutatedValue(value, resolve, key, noise);
  return fc.record(model, { requiredKeys: node.required ?? [] });
}

/**
 * Shaped after the schema, each value in it replaced by a hostile one with odds `noise` in 100:
 * at 0 a valid request (the handlers run), at 2 one bad field in a large body, at 20 many.
 */
export function mutatedValue(
  schema: Schema,
  resolve: Resolve,
  key: string,
  noise: number,
): fc.Arbitrary<unknown> {
  const shaped = fc.constant(null).chain(() => shapedValue(schema, resolve, key, noise));
  if (noise === 0) return shaped;
  return fc.oneof({ weight: 100, arbitrary: shaped }, { weight: noise, arbitrary: hostileValue });
}

/** A request body after `schema`: valid, lightly or heavily mutated, or anything at all. */
export function bodyAfter(schema: Schema, resolve: Resolve): fc.Arbitrary<unknown> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(0, 2, 20).chain((n) => mutatedValue(schema, resolve, '', n)),
    },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** A query string's values: shaped after the parameters, or hostile, always as text. */
export function queryValues(parameters: { name: string; schema?: Schema }[], resolve: Resolve) {
  const model: Record<string, fc.Arbitrary<string>> = {};
  for (const parameter of parameters) {
    model[parameter.name] = fc
      .oneof(mutatedValue(parameter.schema ?? {}, resolve, parameter.name, 0), hostileStrings)
      .map((value) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')));
  }
  return fc.record(model, { requiredKeys: [] });
}

/** Path parameter values: ids of real rows, or hostile text. */
export function pathValue(known: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...known),
    controlString,
    fc.string({ maxLength: 80 }),
    fc.constantFrom('0', '-1', '1e999', 'a'.repeat(300)),
  );
}
