import { chatMessageSchema } from '@assay/model/spec';
import { z } from 'zod';

const sandboxConfigSchema = z.union([z.string(), z.record(z.string(), z.unknown()), z.null()]);

/**
 * Where a sample runs, as Inspect's `sandbox` field takes it: a type (`"docker"`), `[type, config]` (also as JSON
 * text, as a CSV cell holds it) or `{ type, config }`; parsed to the log's `{ type, config }`.
 */
export const sampleSandboxSchema = z
  .union([
    z.string().min(1),
    z.tuple([z.string().min(1), sandboxConfigSchema]),
    z.object({ type: z.string().min(1), config: sandboxConfigSchema.optional() }),
  ])
  .transform((value, context): { type: string; config: string | Record<string, unknown> | null } => {
    if (Array.isArray(value)) return { type: value[0], config: value[1] };
    if (typeof value === 'object') return { type: value.type, config: value.config ?? null };
    if (!value.trim().startsWith('[')) return { type: value, config: null };
    try {
      const list: unknown = JSON.parse(value);
      if (Array.isArray(list) && list.length === 2 && typeof list[0] === 'string') {
        return { type: list[0], config: list[1] === null ? null : String(list[1]) };
      }
    } catch {
      // Reported below.
    }
    context.addIssue({ code: 'custom', message: `"${value}" is not a [type, config] list` });
    return z.NEVER;
  });

/** A dataset sample: what the model is asked, and what a correct answer looks like. */
export const sampleSchema = z.object({
  /** The prompt: a string (becomes one user message) or a list of messages. */
  input: z.union([z.string(), z.array(chatMessageSchema)]),
  /** The ideal answer, or several acceptable answers. @default "" */
  target: z.union([z.string(), z.array(z.string())]).default(''),
  /** Answer choices for multiple-choice tasks. */
  choices: z.array(z.string()).optional(),
  /** Unique id; assigned 1, 2, 3, … when absent. */
  id: z.union([z.number(), z.string()]).optional(),
  /** Arbitrary metadata, available to solvers, scorers and `grouped` metrics. */
  metadata: z.record(z.string(), z.unknown()).optional(),
  /** Files to copy into the sample's sandbox (`name → path or contents`). */
  files: z.record(z.string(), z.string()).optional(),
  /** A setup script for the sample's sandbox. */
  setup: z.string().optional(),
  /** The sandbox this sample runs in, over the eval's and the task's (`"local"`, `["docker", "compose.yaml"]`). */
  sandbox: sampleSandboxSchema.nullish(),
});
export type Sample = z.input<typeof sampleSchema>;
export type ParsedSample = z.output<typeof sampleSchema>;
