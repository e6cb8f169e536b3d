import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readEvalLog } from '@assay/core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { logPathOf, repoRoot } from './cli-helpers.js';
import { builtBin, ensureBuilt } from './ensure-built.js';

const approvalTask = path.join(repoRoot, 'packages/cli/test/fixtures/approval-task.ts');

let dir: string;
beforeAll(async () => {
  await ensureBuilt();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'assay-cli-approval-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the built CLI with `input` piped to its standard input. */
function assayWithInput(args: readonly string[], input: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [builtBin, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    input,
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function ranCommands(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
  } catch {
    return [];
  }
}

describe('assay eval --approval with the human approver', () => {
  it('asks at the terminal and applies every answer: approve, modify, reject, escalate, terminate', async () => {
    const policy = path.join(dir, 'policy.yaml');
    writeFileSync(
      policy,
      ['approvers:', '  - name: human', '    tools: shell', '    choices: [approve, modify, reject, escalate, terminate]', '  - name: auto', '    tools: "*"', ''].join('\n'),
    );
    const ran = path.join(dir, 'ran.txt');
    // One sample at a time, so the questions come in dataset order; "x" is not a choice and is asked again.
    const answers = ['x', 'a', 'm', '{"cmd": "echo modified"}', 'r', 'e', 't'].join('\n') + '\n';
    const result = assayWithInput(
      ['eval', approvalTask, '--approval', policy, '--max-samples', '1', '--display', 'plain', '--log-dir', path.join(dir, 'logs')],
      answers,
      { APPROVAL_RAN_FILE: ran },
    );
    expect(result.stderr).toContain('── Approve Tool');
    expect(result.stderr).toContain("shell(cmd='echo s1')");
    expect(result.stderr).toContain('Approve (a), Modify (m), Reject (r), Escalate (e), or Terminate (t) [a]: ');
    expect(result.stderr).toContain('Please answer one of: a, m, r, e, t.');
    expect(result.status).toBe(0);

    // Rejected (s3) and terminated (s5) calls never ran; the modified one ran as modified.
    expect(ranCommands(ran)).toEqual(['echo s1', 'echo modified', 'echo s4']);

    const log = await readEvalLog({ path: logPathOf(result.stdout) });
    const byId = new Map(log.samples!.map((sample) => [sample.id, sample]));
    const decisions = (id: string) =>
      byId
        .get(id)!
        .events.filter((event) => event.event === 'approval')
        .map((event) => `${String(event.approver)}:${String(event.decision)}`);
    expect(decisions('s1')).toEqual(['human:approve']);
    expect(decisions('s2')).toEqual(['human:modify']);
    expect(decisions('s3')).toEqual(['human:reject']);
    expect(decisions('s4')).toEqual(['human:escalate', 'auto:approve']);
    expect(decisions('s5')).toEqual(['human:terminate']);
    const tool = (id: string) => byId.get(id)!.messages.find((message) => message.role === 'tool');
    expect(tool('s3')).toMatchObject({ error: { type: 'approval', message: 'Human operator rejected the tool call.' } });
    expect(tool('s2')).toMatchObject({ content: 'ran: echo modified' });
    expect(byId.get('s5')!.limit).toEqual({ type: 'operator', limit: 1 });
    expect(log.eval.config.approval).toEqual({
      approvers: [
        { name: 'human', tools: 'shell', params: { choices: ['approve', 'modify', 'reject', 'escalate', 'terminate'] } },
        { name: 'auto', tools: '*', params: { decision: 'approve' } },
      ],
    });
  });

  it('ends the sample with an error, not a hang, when standard input closes before an answer', () => {
    const ran = path.join(dir, 'ran.txt');
    const result = assayWithInput(
      ['eval', approvalTask, '--approval', 'human', '--limit', '1', '--display', 'none', '--log-dir', path.join(dir, 'logs')],
      '',
      { APPROVAL_RAN_FILE: ran },
    );
    expect(result.stdout + result.stderr).toContain('Standard input closed while waiting for a human approval decision');
    expect(ranCommands(ran)).toEqual([]);
  });

  it('reports a bad policy file with its path and key, as a usage error', () => {
    const policy = path.join(dir, 'bad.yaml');
    writeFileSync(policy, 'approvers:\n  - name: humn\n    tools: shell\n');
    const result = assayWithInput(['eval', approvalTask, '--approval', policy, '--display', 'none', '--log-dir', path.join(dir, 'logs')], '');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`error: ${policy}: approvers[0].name: unknown approver "humn"`);
  });
});
