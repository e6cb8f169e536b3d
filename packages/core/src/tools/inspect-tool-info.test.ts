// The sandboxed tools describe themselves to the model exactly as Inspect's do (names, descriptions, parameters),
// so prompts and provider-native tool mappings written for Inspect carry over. The fixture is the real Inspect
// 0.3.260's ToolInfo of each tool (__fixtures__/dump-inspect-tool-info.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bash } from './bash.js';
import { bashSession } from './bash-session.js';
import { python } from './python.js';
import { textEditor } from './text-editor.js';
import { think } from './think.js';
import type { Tool } from './tool.js';

const inspect = JSON.parse(readFileSync(new URL('./__fixtures__/inspect-tool-info.json', import.meta.url), 'utf8')) as Record<
  string,
  { name: string; description: string; parameters: unknown }
>;

/**
 * Equivalent JSON schemas written alike: zod adds safe-integer bounds to integers (Inspect has none) and writes an
 * optional string as `type: ['string', 'null']` where Inspect writes `anyOf: [{ type: 'string' }, { type: 'null' }]`.
 */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const { minimum: _minimum, maximum: _maximum, ...rest } = value as Record<string, unknown>;
  const result = Object.fromEntries(Object.entries(rest).map(([key, entry]) => [key, canonical(entry)]));
  const anyOf = result.anyOf as Array<Record<string, unknown>> | undefined;
  if (anyOf?.length === 2 && anyOf.every((option) => Object.keys(option).length === 1 && typeof option.type === 'string')) {
    delete result.anyOf;
    result.type = anyOf.map((option) => option.type);
  }
  return result;
}

const tools: Array<[string, Tool]> = [
  ['bash', bash()],
  ['bash_background_timeout_60', bash({ background: true, timeout: 60 })],
  ['bash_background', bash({ background: true })],
  ['python', python()],
  ['bash_session', bashSession()],
  ['text_editor', textEditor()],
  ['think', think()],
];

describe('sandboxed tools as Inspect describes them', () => {
  it.each(tools)('%s', (key, tool) => {
    const expected = inspect[key]!;
    expect(tool.info.name).toBe(expected.name);
    expect(tool.info.description).toBe(expected.description);
    expect(canonical(tool.info.parameters)).toEqual(canonical(expected.parameters));
  });
});
