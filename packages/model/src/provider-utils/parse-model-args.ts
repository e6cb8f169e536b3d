import type { z } from 'zod';
import { InvalidModelArgsError } from '../errors/invalid-model-args-error.js';

/** Options for {@link parseModelArgs}. */
export interface ParseModelArgsOptions<TSchema extends z.ZodObject> {
  /** The provider's name, for messages (`mockllm`). */
  provider: string;
  /** The provider's argument schema; its keys are the only arguments accepted. */
  schema: TSchema;
  args: Record<string, unknown> | undefined;
}

// Argument names that may hold a credential: their values are never echoed.
const credentialName = /token|secret|passw|key|auth|credential|header/i;

/** `defaultOutput` → `default_output`: the spelling Inspect users pass to `-M`. */
function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function normalized(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The valid key closest to `key`, when it is close enough to be a typo. */
function nearest(key: string, validKeys: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of validKeys) {
    const distance = editDistance(normalized(key), normalized(candidate));
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(key.length / 3)) ? best.key : undefined;
}

/**
 * Checks a model's provider arguments against the provider's schema and returns them parsed: an unknown key (with the
 * nearest valid one suggested) or a value of the wrong type throws an {@link InvalidModelArgsError} naming the key.
 */
export function parseModelArgs<TSchema extends z.ZodObject>(options: ParseModelArgsOptions<TSchema>): z.output<TSchema> {
  const { provider, schema } = options;
  const args = options.args ?? {};
  const validKeys = Object.keys(schema.shape);
  const valid = `Valid arguments: ${validKeys.map(snakeCase).join(', ')}.`;
  for (const key of Object.keys(args)) {
    if (validKeys.includes(key)) continue;
    const suggestion = nearest(key, validKeys);
    throw new InvalidModelArgsError({
      provider,
      key,
      validKeys,
      message:
        `Unknown model argument "${snakeCase(key)}" for provider ${provider} (-M ${snakeCase(key)}=…). ` +
        `${suggestion ? `Did you mean "${snakeCase(suggestion)}"? ` : ''}${valid}`,
    });
  }
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = String(issue.path[0] ?? '');
  const value = args[key];
  const shown =
    !credentialName.test(key) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      ? `, got ${JSON.stringify(value).slice(0, 80)}`
      : '';
  const problem = issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
  throw new InvalidModelArgsError({
    provider,
    key,
    validKeys,
    message: `Invalid model argument "${snakeCase(key)}" for provider ${provider} (-M ${snakeCase(key)}=…): ${problem}${shown}.`,
  });
}
