import { z } from 'zod';

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Whether `value` is a plain object (an object literal or a parsed JSON object). */
function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Whether `value` is a JSON value; `ancestors` holds the containers above it, so a cycle is refused, not looped over. */
function isJsonValue(value: unknown, ancestors: Set<object>): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (ancestors.has(value)) return false;
  const items = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : undefined;
  if (!items) return false;
  ancestors.add(value);
  const valid = items.every((item) => isJsonValue(item, ancestors));
  ancestors.delete(value);
  return valid;
}

/**
 * Schema for any JSON value (NaN and Infinity are allowed because Inspect writes them).
 *
 * A check function rather than a recursive union of zod schemas: zod guards every parse of a schema that contains a
 * recursive one (a WeakMap per parse call, for reference cycles in the input), and chat messages, samples and model
 * outputs all contain JSON values, so every one of their parses paid for it.
 */
export const jsonValueSchema: z.ZodType<JsonValue> = z.custom<JsonValue>((value) => isJsonValue(value, new Set()), {
  message: 'expected a JSON value (a string, number, boolean, null, array or plain object; no cycles)',
});

/** A free-form metadata object as Inspect writes it (`additionalProperties: true`). */
export const metadataSchema = z.record(z.string(), z.unknown());
