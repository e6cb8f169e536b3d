import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApprovalError } from './approval-error.js';
import { defineApprover } from './define-approver.js';
import { readApprovalPolicies, resolveApproval } from './read-approval-policies.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'assay-policy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function policyFile(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

function errorOf(fn: () => unknown): ApprovalError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApprovalError) return error;
    throw error;
  }
  throw new Error('expected an ApprovalError');
}

describe('readApprovalPolicies', () => {
  it("reads Inspect's YAML format: approver name, tools, and the approver's options as the other keys", async () => {
    const file = await policyFile(
      'policy.yaml',
      ['approvers:', '  - name: human', '    tools: ["bash", "python"]', '    choices: [approve, modify, reject]', '  - name: auto', '    tools: "*"', ''].join('\n'),
    );
    const policies = readApprovalPolicies({ file });
    expect(policies.map((policy) => [policy.approver.name, policy.tools, policy.approver.args])).toEqual([
      ['human', ['bash', 'python'], { choices: ['approve', 'modify', 'reject'] }],
      ['auto', '*', { decision: 'approve' }],
    ]);
  });

  it('reads JSON, options under "params", and approvers defined with defineApprover', async () => {
    defineApprover({ name: 'policy_test_custom', create: () => async () => ({ decision: 'approve' }) });
    const file = await policyFile(
      'policy.json',
      JSON.stringify({ approvers: [{ name: 'auto', tools: 'bash*', params: { decision: 'reject' } }, { name: 'policy_test_custom', tools: '*' }] }),
    );
    const policies = readApprovalPolicies({ file });
    expect(policies.map((policy) => [policy.approver.name, policy.approver.args])).toEqual([
      ['auto', { decision: 'reject' }],
      ['policy_test_custom', {}],
    ]);
  });

  it('names the file and the key of each mistake', async () => {
    const cases: Array<[string, string, string, RegExp]> = [
      ['no-approvers.yaml', 'approver:\n  - name: auto\n', 'approvers', /expected a list of approvers, got undefined/],
      ['bad-name.yaml', 'approvers:\n  - name: humn\n    tools: bash\n', 'approvers[0].name', /unknown approver "humn"; known approvers: auto, human/],
      ['no-tools.yaml', 'approvers:\n  - name: auto\n    tools: "*"\n  - name: human\n', 'approvers[1].tools', /expected a tool name or glob/],
      ['bad-option.yaml', 'approvers:\n  - name: auto\n    tools: "*"\n    decision: maybe\n', 'approvers[0]', /approver "auto".*decision/],
      ['unknown-option.yaml', 'approvers:\n  - name: auto\n    tools: "*"\n    decison: reject\n', 'approvers[0]', /unknown option "decison" \(did you mean "decision"\?\)/],
      ['not-a-map.yaml', '- name: auto\n', 'approvers', /expected a mapping with an "approvers" list, got a list/],
    ];
    for (const [name, text, key, message] of cases) {
      const file = await policyFile(name, text);
      const error = errorOf(() => readApprovalPolicies({ file }));
      expect(error.code).toBe('approval_policy_invalid');
      expect(error.file).toBe(file);
      expect(error.key).toBe(key);
      expect(error.message).toContain(`${file}: ${key}: `);
      expect(error.message).toMatch(message);
    }
  });

  it('reports a YAML syntax error with its line, and a missing file', async () => {
    const file = await policyFile('broken.yaml', 'approvers:\n  - name: auto\n    tools: [bash\n');
    const syntax = errorOf(() => readApprovalPolicies({ file }));
    expect(syntax.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(line \\d+, column \\d+\\): not valid YAML or JSON`));
    const missing = errorOf(() => readApprovalPolicies({ file: path.join(dir, 'nope.yaml') }));
    expect(missing.message).toBe(`Approval policy file not found: ${path.join(dir, 'nope.yaml')}`);
  });

  it('takes an approver name for every tool, as Inspect does, and rejects anything else', () => {
    const [policy] = resolveApproval('human')!;
    expect([policy?.approver.name, policy?.tools]).toEqual(['human', '*']);
    expect(errorOf(() => resolveApproval('policy-that-is-not-there.yaml')).message).toMatch(
      /^Approval policy file not found: policy-that-is-not-there\.yaml \(nor is it an approver name; known approvers: auto, human/,
    );
  });
});
