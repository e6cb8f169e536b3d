import { messageText, type ChatMessage, type ChatMessageAssistant, type ToolCall } from '@assay/model/spec';
import { LimitExceededError } from '../solver/limit-exceeded-error.js';
import type { ToolCallView } from './approval.js';
import { formatFunctionCall } from './format-function-call.js';
import { ToolApprovalError } from './tool-approval-error.js';
import { currentApprovalPolicy } from './with-approval.js';

/** How a tool call is shown when its tool has no view of its own: the call as Python, in markdown. */
export function defaultToolCallView(call: ToolCall): ToolCallView {
  const text = formatFunctionCall({ name: call.function, arguments: call.arguments });
  return { call: { format: 'markdown', content: '```python\n' + text + '\n```\n' } };
}

/**
 * Asks the active approval policy (if any) about a tool call before it runs, as Inspect does: returns the call to run
 * (the approver's modified call for `modify`), throws `ToolApprovalError` for `reject` (the model reads why) and
 * ends the sample with an `operator` limit for `terminate`.
 */
export async function approveToolCall(options: {
  call: ToolCall;
  /** The assistant message that made the call. */
  message: ChatMessageAssistant;
  history: readonly ChatMessage[];
}): Promise<ToolCall> {
  const policy = currentApprovalPolicy();
  if (!policy) return options.call;
  const { call } = options;
  const approval = await policy({ message: messageText(options.message), call, view: defaultToolCallView(call), history: options.history });
  switch (approval.decision) {
    case 'approve':
      return call;
    case 'modify':
      return approval.modified ? { ...call, ...approval.modified, id: call.id } : call;
    case 'terminate':
      throw new LimitExceededError({
        type: 'operator',
        limit: 1,
        value: 1,
        message: 'Tool call approver requested termination.',
      });
    case 'reject':
      throw new ToolApprovalError(approval.explanation);
    case 'escalate':
      throw new Error("Unexpected 'escalate' from policy approver.");
  }
}
