import { CliUsageError } from './cli-error.js';

type FlowValue = string | number | boolean | null | FlowValue[] | { [key: string]: FlowValue };

function plainScalar(text: string): FlowValue {
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null' || text === '~') return null;
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
  return text;
}

/**
 * Parses an object given on the command line: JSON, or a YAML flow mapping as Inspect takes it
 * (`{model: openai/gpt-4o, temperature: 0, model_args: {default_output: "GRADE: C"}}`). Plain scalars read as
 * numbers, booleans and null where they look like one, else as strings; `:` inside a scalar (a URL) needs no quotes.
 */
export function parseFlowMapping(options: { text: string; flag: string }): Record<string, unknown> {
  const { text, flag } = options;
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) return json as Record<string, unknown>;
  } catch {
    // not JSON: read it as a YAML flow mapping
  }
  let position = 0;
  const fail = (problem: string): never => {
    throw new CliUsageError(`${flag}: ${problem} at character ${position + 1} of ${text} (write JSON, or {key: value, …}).`);
  };
  const skipSpace = (): void => {
    while (position < text.length && /\s/.test(text[position]!)) position++;
  };
  const scalar = (stops: string): FlowValue => {
    skipSpace();
    const quote = text[position];
    if (quote === '"' || quote === "'") {
      const end = text.indexOf(quote, position + 1);
      if (end < 0) fail('unclosed quote');
      const raw = text.slice(position, end + 1);
      position = end + 1;
      return quote === '"' ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    }
    const start = position;
    // A key ends at ":", a value at "," or a closing bracket, so a value may hold ":" (a URL) unquoted.
    while (position < text.length && !stops.includes(text[position]!)) position++;
    const plain = text.slice(start, position).trim();
    if (plain === '') fail('expected a value');
    return plainScalar(plain);
  };
  const value = (): FlowValue => {
    skipSpace();
    if (text[position] === '{') return mapping();
    if (text[position] === '[') {
      position++;
      const items: FlowValue[] = [];
      skipSpace();
      while (text[position] !== ']') {
        items.push(value());
        skipSpace();
        if (text[position] === ',') position++;
        else if (text[position] !== ']') fail('expected "," or "]"');
        skipSpace();
      }
      position++;
      return items;
    }
    return scalar(',}]');
  };
  const mapping = (): Record<string, FlowValue> => {
    if (text[position] !== '{') fail('expected "{"');
    position++;
    const result: Record<string, FlowValue> = {};
    skipSpace();
    while (text[position] !== '}') {
      if (position >= text.length) fail('expected "}"');
      const key = scalar(':,}');
      skipSpace();
      if (text[position] !== ':') fail(`expected ":" after ${String(key)}`);
      position++;
      result[String(key)] = value();
      skipSpace();
      if (text[position] === ',') position++;
      else if (text[position] !== '}') fail('expected "," or "}"');
      skipSpace();
    }
    position++;
    return result;
  };
  skipSpace();
  const result = mapping();
  skipSpace();
  if (position < text.length) fail('unexpected text after "}"');
  return result;
}
