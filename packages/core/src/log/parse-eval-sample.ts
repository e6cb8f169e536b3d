import type { z } from 'zod';
import { expandMessagePools } from './expand-message-pools.js';
import { LogError } from './log-error.js';
import { resolveAttachments } from './resolve-attachments.js';
import { evalSampleSchema, type EvalSample } from './schema/eval-sample.js';

/** Options for turning a parsed sample into an {@link EvalSample}. */
export interface ParseEvalSampleOptions {
  /** The sample as parsed from JSON. */
  value: unknown;
  /** Replace `attachment://` references with their text. @default true */
  resolveAttachments?: boolean;
  /**
   * Return the sample as stored, condensed: message pools (`events_data`, `input_refs`, `call_refs`) not expanded
   * and attachments not resolved. @default false
   */
  condensed?: boolean;
  /** The log file, for error messages. */
  path?: string;
}

/** Validates a sample read from a log and (unless `condensed`) resolves its attachments and expands its message pools. */
export function parseEvalSample(options: ParseEvalSampleOptions): EvalSample {
  const sample = validateLogValue({ schema: evalSampleSchema, value: options.value, what: 'sample', ...(options.path ? { path: options.path } : {}) });
  if (options.condensed) return sample;
  const resolved = options.resolveAttachments === false ? sample : resolveAttachments(sample);
  return expandMessagePools(resolved);
}

/** Parses `value` with `schema`, turning a validation failure into a {@link LogError} that names the file. */
export function validateLogValue<TSchema extends z.ZodType>(options: {
  schema: TSchema;
  value: unknown;
  what: string;
  path?: string;
}): z.infer<TSchema> {
  const result = options.schema.safeParse(options.value);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new LogError({
    code: 'invalid_log',
    message: `${options.path ?? 'Log'}: invalid ${options.what} (${issues}).`,
    ...(options.path ? { path: options.path } : {}),
    cause: result.error,
  });
}
