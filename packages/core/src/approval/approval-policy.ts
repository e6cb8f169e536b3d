import { currentTranscript } from '../events/transcript.js';
import type { Approval } from './approval.js';
import type { ApprovalRequest, Approver } from './approver.js';
import { formatFunctionCall } from './format-function-call.js';
import { globMatches } from './glob-matches.js';

/** Which approver decides on which tools: tool names or globs (`bash`, `web_*`, `*`). */
export interface ApprovalPolicy {
  approver: Approver;
  /** Tool names or globs; a name also matches the call's arguments after it, as in Inspect (`bash` ~ `bash(cmd=…)`). */
  tools: string | readonly string[];
}

/** The tool patterns of a policy as a list; a string may list several, separated by commas (`bash, python`). */
export function policyTools(tools: string | readonly string[]): string[] {
  const list = typeof tools === 'string' ? tools.split(',') : [...tools];
  return list.map((tool) => tool.trim()).filter((tool) => tool !== '');
}

/** Records an approver's decision as an `approval` event in the sample's transcript. */
export function recordApproval(options: { approver: string; request: ApprovalRequest; approval: Approval }): void {
  const { request, approval } = options;
  currentTranscript()?.record({
    event: 'approval',
    message: request.message,
    call: request.call,
    view: request.view,
    approver: options.approver,
    decision: approval.decision,
    modified: approval.modified ?? null,
    explanation: approval.explanation ?? null,
    metadata: approval.metadata ?? null,
  });
}

/**
 * Combines policies into one decision per tool call: the approvers whose globs match the call are asked in order until
 * one decides something other than `escalate`; when none does (or none matches), the call is rejected. Each decision
 * is recorded as an `approval` event.
 */
export function policyApprover(policies: readonly ApprovalPolicy[]): (request: ApprovalRequest) => Promise<Approval> {
  // As Inspect: each pattern gets a trailing `*` and is matched against the call written as Python.
  const matchers = policies.map((policy) => ({
    approver: policy.approver,
    patterns: policyTools(policy.tools).map((tool) => `${tool}*`),
  }));
  return async (request) => {
    const text = formatFunctionCall({ name: request.call.function, arguments: request.call.arguments });
    let matched = false;
    for (const { approver, patterns } of matchers) {
      if (!patterns.some((pattern) => globMatches({ text, pattern }))) continue;
      matched = true;
      const approval = await approver.approve(request);
      recordApproval({ approver: approver.name, request, approval });
      if (approval.decision !== 'escalate') return approval;
    }
    const reject: Approval = {
      decision: 'reject',
      explanation: `No ${matched ? 'approval granted' : 'approvers registered'} for tool ${request.call.function}`,
    };
    recordApproval({ approver: 'policy', request, approval: reject });
    return reject;
  };
}
