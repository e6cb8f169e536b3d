import { AsyncLocalStorage } from 'node:async_hooks';
import type { Approval } from './approval.js';
import type { ApprovalRequest } from './approver.js';
import { policyApprover, type ApprovalPolicy } from './approval-policy.js';

type PolicyDecision = (request: ApprovalRequest) => Promise<Approval>;

const activePolicy = new AsyncLocalStorage<PolicyDecision | undefined>();

/**
 * Runs `fn` with tool calls inside it approved by `policies` (Inspect's `approval()` context); an empty list or
 * `undefined` turns approval off. The runner does this for each task that has an approval policy.
 * @example await withApproval([{ approver: humanApprover(), tools: 'bash' }], () => run(agent, input))
 */
export function withApproval<TResult>(policies: readonly ApprovalPolicy[] | undefined, fn: () => TResult): TResult {
  return activePolicy.run(policies && policies.length > 0 ? policyApprover(policies) : undefined, fn);
}

/** The policy deciding on tool calls in this async context, if any. */
export function currentApprovalPolicy(): PolicyDecision | undefined {
  return activePolicy.getStore();
}
