import { toolCallSchema } from '@assay/model/spec';
import { z } from 'zod';

/**
 * What an approver decided about a tool call: `approve` it, `modify` it (run `modified` instead), `reject` it,
 * `terminate` the sample, or `escalate` it to the next approver of the policy.
 */
export const approvalDecisionSchema = z.enum(['approve', 'modify', 'reject', 'terminate', 'escalate']);
export type ApprovalDecision = z.infer<typeof approvalDecisionSchema>;

/** An approver's decision, with the modified call (for `modify`) and why. */
export const approvalSchema = z.object({
  decision: approvalDecisionSchema,
  /** The tool call to run instead, for decision `modify`. */
  modified: toolCallSchema.nullish(),
  explanation: z.string().nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type Approval = z.infer<typeof approvalSchema>;

/** One part of a tool call's view: text or markdown shown to whoever approves it. */
export const toolCallContentSchema = z.object({
  title: z.string().nullish(),
  format: z.enum(['text', 'markdown']),
  content: z.string(),
});

export type ToolCallContent = z.infer<typeof toolCallContentSchema>;

/** How a tool call is shown to an approver (Inspect's `ToolCallView`): context, and the call itself. */
export const toolCallViewSchema = z.object({
  context: toolCallContentSchema.nullish(),
  call: toolCallContentSchema.nullish(),
});
export type ToolCallView = z.infer<typeof toolCallViewSchema>;
