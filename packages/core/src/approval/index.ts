export { approvalDecisionSchema, approvalSchema, toolCallViewSchema, type Approval, type ApprovalDecision, type ToolCallView, type ToolCallContent } from './approval.js';
export type { Approver, ApprovalRequest } from './approver.js';
export { ApprovalError, type ApprovalErrorOptions } from './approval-error.js';
export { ToolApprovalError } from './tool-approval-error.js';
export { defineApprover, type ApproverDefinition, type ApproverFactory } from './define-approver.js';
export { autoApprover } from './auto-approver.js';
export { humanApprover } from './human-approver.js';
export { policyApprover, type ApprovalPolicy } from './approval-policy.js';
export { withApproval } from './with-approval.js';
export { onInputScreen, withInputScreen, type InputScreenHooks, type InputTerminal } from './input-screen.js';
export {
  readApprovalPolicies,
  resolveApproval,
  approvalPolicyConfig,
  approvalPoliciesFromConfig,
  type ApprovalPolicyConfig,
} from './read-approval-policies.js';
