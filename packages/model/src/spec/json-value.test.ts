import { describe, expect, it } from 'vitest';
import { contentDataSchema } from './content.js';
import { jsonValueSchema } from './json-value.js';

describe('jsonValueSchema', () => {
  it('accepts JSON values, including the NaN and Infinity Inspect writes', () => {
    for (const value of ['a', 1, NaN, -Infinity, true, null, [], {}, [1, ['x', { a: null }]], { a: { b: [1, 2] } }]) {
      expect(jsonValueSchema.safeParse(value).success, JSON.stringify(value)).toBe(true);
    }
  });

  it('keeps the value itself (no copy) and accepts a shared, acyclic sub-value twice', () => {
    const shared = { x: 1 };
    const value = { a: shared, b: [shared] };
    expect(jsonValueSchema.parse(value)).toBe(value);
  });

  it('refuses what JSON cannot hold: undefined, functions, class instances, cycles', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    for (const value of [undefined, () => 1, new Date(0), new Map(), { a: undefined }, [1, Symbol('s')], cyclic, [[cyclic]]]) {
      expect(jsonValueSchema.safeParse(value).success).toBe(false);
    }
  });

  it('names the field when a data part holds something that is not JSON', () => {
    const result = contentDataSchema.safeParse({ type: 'data', data: { when: new Date(0) } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['data', 'when']);
    expect(result.error?.issues[0]?.message).toMatch(/JSON value/);
  });
});
