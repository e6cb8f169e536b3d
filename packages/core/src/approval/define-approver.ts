import { z } from 'zod';
import { recordedArgs } from '../solver/recorded-args.js';
import { describeOptionIssues, schemaKeys } from '../util/describe-option-issues.js';
import { strictOptions } from '../util/strict-options.js';
import type { Approval } from './approval.js';
import { ApprovalError } from './approval-error.js';
import type { ApprovalRequest, Approver } from './approver.js';
import { registerApprover } from './approver-registry.js';

/** What {@link defineApprover} needs: a registry name, an options schema and a function creating the decision step. */
export interface ApproverDefinition<TOptions extends z.ZodType> {
  /** Registry name: recorded on approval events and used by `name:` in policy files. */
  name: string;
  /** Schema of the options; in a policy file, the approver's other keys are these options. */
  options?: TOptions;
  /** Creates the approve function from parsed options; runs once per approver created. */
  create: (options: z.output<TOptions>) => (request: ApprovalRequest) => Promise<Approval>;
}

/** Creates an approver from its options; the argument may be left out when every option is optional. */
export type ApproverFactory<TOptions extends z.ZodType> = Record<never, never> extends z.input<TOptions>
  ? (options?: z.input<TOptions>) => Approver
  : (options: z.input<TOptions>) => Approver;

const noOptions = z.strictObject({});

/**
 * Defines an approver and registers its name, so policy files can use it: a factory validating its options with zod.
 * @example
 * const noRm = defineApprover({
 *   name: 'no_rm',
 *   create: () => async ({ call }) =>
 *     String(call.arguments.cmd).includes('rm ') ? { decision: 'reject', explanation: 'No deleting.' } : { decision: 'escalate' },
 * });
 */
export function defineApprover<TOptions extends z.ZodType = typeof noOptions>(
  definition: ApproverDefinition<TOptions>,
): ApproverFactory<TOptions> {
  const schema: z.ZodType = strictOptions(definition.options ?? noOptions);
  const factory = (options?: unknown): Approver => {
    const parsed = schema.safeParse(options ?? {});
    if (!parsed.success) {
      const details = describeOptionIssues({ issues: parsed.error.issues, known: schemaKeys(schema) });
      throw new ApprovalError({
        code: 'approver_options_invalid',
        message: `Invalid options for approver "${definition.name}": ${details.join('; ')}.`,
      });
    }
    const data = parsed.data as z.output<TOptions>;
    return { name: definition.name, args: recordedArgs(data), approve: definition.create(data) };
  };
  registerApprover(definition.name, factory);
  return factory as ApproverFactory<TOptions>;
}
