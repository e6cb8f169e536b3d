import type { ToolCall } from '@assay/model/spec';
import { describe, expect, it } from 'vitest';
import { defaultToolCallView } from './approve-tool-call.js';
import { policyApprover, type ApprovalPolicy } from './approval-policy.js';
import { defineApprover } from './define-approver.js';
import { formatFunctionCall } from './format-function-call.js';
import { globMatches } from './glob-matches.js';

const named = (name: string) => defineApprover({ name, create: () => async () => ({ decision: 'approve', explanation: name }) })();

async function whoApproves(policies: ApprovalPolicy[], call: { function: string; arguments: Record<string, unknown> }): Promise<string | null | undefined> {
  const full: ToolCall = { id: 'c', type: 'function', ...call };
  const approval = await policyApprover(policies)({ message: '', call: full, view: defaultToolCallView(full), history: [] });
  return approval.decision === 'approve' ? approval.explanation : `rejected: ${approval.explanation}`;
}

describe('policy globs', () => {
  it("matches as Inspect's fnmatch does", () => {
    expect(globMatches({ text: 'web_search', pattern: 'web_*' })).toBe(true);
    expect(globMatches({ text: 'web.search', pattern: 'web?search' })).toBe(true);
    expect(globMatches({ text: 'bash', pattern: 'b[a-c]sh' })).toBe(true);
    expect(globMatches({ text: 'bash', pattern: 'b[!a]sh' })).toBe(false);
    expect(globMatches({ text: 'python', pattern: 'bash' })).toBe(false);
    expect(globMatches({ text: 'a(b)+c', pattern: 'a(b)+c' })).toBe(true);
  });

  it('writes calls as Python, which patterns are matched against', () => {
    expect(formatFunctionCall({ name: 'bash', arguments: { cmd: "echo 'hi'", n: 2, ok: true, none: null } })).toBe(
      `bash(cmd="echo 'hi'", n=2, ok=True, none=None)`,
    );
  });

  it('picks the first policy whose patterns match, names being prefixes as in Inspect', async () => {
    const policies: ApprovalPolicy[] = [
      { approver: named('bash_rm'), tools: "bash(cmd='rm *" },
      { approver: named('web'), tools: ['web_*', 'browser'] },
      { approver: named('shell'), tools: 'bash, python' },
      { approver: named('rest'), tools: '*' },
    ];
    expect(await whoApproves(policies, { function: 'bash', arguments: { cmd: 'rm -rf /' } })).toBe('bash_rm');
    expect(await whoApproves(policies, { function: 'bash', arguments: { cmd: 'ls' } })).toBe('shell');
    expect(await whoApproves(policies, { function: 'python', arguments: { code: '1' } })).toBe('shell');
    expect(await whoApproves(policies, { function: 'web_search', arguments: {} })).toBe('web');
    expect(await whoApproves(policies, { function: 'browser_click', arguments: {} })).toBe('web');
    expect(await whoApproves(policies, { function: 'text_editor', arguments: {} })).toBe('rest');
    expect(await whoApproves(policies.slice(0, 3), { function: 'text_editor', arguments: {} })).toBe(
      'rejected: No approvers registered for tool text_editor',
    );
  });
});
