/** A value written as Python writes it (`'text'`, `True`, `None`), as Inspect shows tool arguments. */
function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    const escaped = value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('\t', '\\t');
    return quote + (quote === "'" ? escaped.replaceAll("'", "\\'") : escaped) + quote;
  }
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => `${pythonRepr(key)}: ${pythonRepr(item)}`);
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

/**
 * A tool call as one line of Python (`bash(cmd='ls -la')`): what policy globs are matched against, as in Inspect.
 * @example formatFunctionCall({ name: 'bash', arguments: { cmd: 'ls' } }) // "bash(cmd='ls')"
 */
export function formatFunctionCall(options: { name: string; arguments: Record<string, unknown> }): string {
  const parts = Object.entries(options.arguments).map(([key, value]) => `${key}=${pythonRepr(value)}`);
  return `${options.name}(${parts.join(', ')})`;
}
