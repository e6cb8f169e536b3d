import { z } from 'zod';
import { describeUnknownKeys } from './suggest-option-key.js';

/** The keys an options schema knows, when it is an object schema. */
export function schemaKeys(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/**
 * One `field: problem` line per zod issue of an options object; unknown keys are named with the Assay spelling of an
 * Inspect key (`ignore_case` → `ignoreCase`) or the nearest known key.
 */
export function describeOptionIssues(options: { issues: readonly z.core.$ZodIssue[]; known: readonly string[] }): string[] {
  return options.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return `unknown option${issue.keys.length > 1 ? 's' : ''} ${describeUnknownKeys({ keys: issue.keys, known: options.known })}`;
    }
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(options)';
    return `${field}: ${issue.message}`;
  });
}
