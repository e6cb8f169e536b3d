import type { ChatMessage, ToolCall } from '@assay/model/spec';
import type { Approval, ToolCallView } from './approval.js';

/** What an approver is asked to decide on. */
export interface ApprovalRequest {
  /** Text the model wrote along with the tool call. */
  message: string;
  call: ToolCall;
  view: ToolCallView;
  /** The conversation so far. */
  history: readonly ChatMessage[];
}

/** Decides whether tool calls may run; made with {@link defineApprover} (or `autoApprover`, `humanApprover`). */
export interface Approver {
  /** Registry name, recorded as the `approver` of each approval event (`auto`, `human`). */
  readonly name: string;
  /** Options the approver was created with, recorded in the log's approval policy. */
  readonly args: Record<string, unknown>;
  approve(request: ApprovalRequest): Promise<Approval>;
}
