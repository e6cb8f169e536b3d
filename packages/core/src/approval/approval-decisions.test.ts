import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readEvalLog } from '../log/node/index.js';
import type { EvalSample } from '../log/schema/index.js';
import { evalRetry } from '../runner/eval-retry.js';
import { evaluate } from '../runner/evaluate.js';
import { includes } from '../scorer/index.js';
import { scriptedModel, textOutput, toolCallOutput } from '../solver/__fixtures__/scripted-model.js';
import { defineSolver, generate, useTools } from '../solver/index.js';
import { task } from '../task/task.js';
import { defineTool } from '../tools/define-tool.js';
import type { Approval } from './approval.js';
import type { ApprovalPolicy } from './approval-policy.js';
import { autoApprover } from './auto-approver.js';
import { defineApprover } from './define-approver.js';

let logDir: string;
beforeEach(async () => {
  logDir = await mkdtemp(path.join(os.tmpdir(), 'assay-approval-'));
});
afterEach(async () => {
  await rm(logDir, { recursive: true, force: true });
});

/** A `bash` tool that records every command it really runs. */
function bashTool(ran: string[]) {
  return defineTool({
    name: 'bash',
    description: 'Runs a command.',
    parameters: z.object({ cmd: z.string() }),
    execute: ({ cmd }) => {
      ran.push(cmd);
      return `ran ${cmd}`;
    },
  });
}

/** An approver that always answers `approval`, under its own registry name. */
function fixed(name: string, approval: Approval) {
  return defineApprover({ name, create: () => async () => approval })();
}

/** Runs one sample whose model calls `bash` with `rm -rf /` then answers "done", under `approval`. */
async function runWith(approval: ApprovalPolicy[] | string): Promise<{ sample: EvalSample; ran: string[]; location: string }> {
  const ran: string[] = [];
  const model = scriptedModel([toolCallOutput([['bash', { cmd: 'rm -rf /' }, 'call-1']]), textOutput('done')]);
  const [log] = await evaluate(
    task({
      name: 'approval_task',
      dataset: [{ id: 1, input: 'Clean up.', target: 'done' }],
      solver: [useTools({ tools: [bashTool(ran)] }), generate()],
      scorer: includes(),
      approval,
    }),
    { model, logDir },
  );
  const full = await readEvalLog({ path: log!.location! });
  return { sample: full.samples![0]!, ran, location: log!.location! };
}

function approvalEvents(sample: EvalSample): Array<Record<string, unknown>> {
  return sample.events.filter((event) => event.event === 'approval') as Array<Record<string, unknown>>;
}

function toolMessage(sample: EvalSample): Record<string, unknown> | undefined {
  return sample.messages.find((message) => message.role === 'tool') as Record<string, unknown> | undefined;
}

describe('approval decisions', () => {
  it('approve: the tool runs and the decision is an approval event', async () => {
    const { sample, ran, location } = await runWith([{ approver: autoApprover(), tools: '*' }]);
    expect(ran).toEqual(['rm -rf /']);
    expect(toolMessage(sample)).toMatchObject({ content: 'ran rm -rf /' });
    expect(approvalEvents(sample)).toEqual([
      expect.objectContaining({
        event: 'approval',
        approver: 'auto',
        decision: 'approve',
        explanation: 'Automatic decision.',
        message: '',
        call: expect.objectContaining({ id: 'call-1', function: 'bash', arguments: { cmd: 'rm -rf /' } }),
        view: { call: { format: 'markdown', content: "```python\nbash(cmd='rm -rf /')\n```\n" } },
      }),
    ]);
    const log = await readEvalLog({ path: location, headerOnly: true });
    expect(log.eval.config.approval).toEqual({ approvers: [{ name: 'auto', tools: '*', params: { decision: 'approve' } }] });
  });

  it('reject: the tool never runs and the model reads why', async () => {
    const { sample, ran } = await runWith([{ approver: autoApprover({ decision: 'reject' }), tools: 'bash' }]);
    expect(ran).toEqual([]);
    expect(toolMessage(sample)).toMatchObject({ content: '', error: { type: 'approval', message: 'Automatic decision.' } });
    expect(approvalEvents(sample).map((event) => event.decision)).toEqual(['reject']);
    expect(sample.scores?.includes?.value).toBe('C');
  });

  it('reject without an explanation gives Inspect\'s message', async () => {
    const { sample, ran } = await runWith([{ approver: fixed('silent_no', { decision: 'reject' }), tools: 'bash' }]);
    expect(ran).toEqual([]);
    expect(toolMessage(sample)).toMatchObject({ error: { type: 'approval', message: 'Tool call not approved.' } });
    expect(approvalEvents(sample)).toEqual([expect.objectContaining({ approver: 'silent_no', decision: 'reject', explanation: null })]);
  });

  it('modify: the modified call runs instead, and is recorded', async () => {
    const modified = { id: 'call-1', function: 'bash', type: 'function' as const, arguments: { cmd: 'ls' } };
    const { sample, ran } = await runWith([
      { approver: fixed('safer', { decision: 'modify', modified, explanation: 'Listing instead.' }), tools: 'bash' },
    ]);
    expect(ran).toEqual(['ls']);
    expect(toolMessage(sample)).toMatchObject({ content: 'ran ls', tool_call_id: 'call-1' });
    expect(approvalEvents(sample)).toEqual([
      expect.objectContaining({ decision: 'modify', modified: expect.objectContaining({ arguments: { cmd: 'ls' } }) }),
    ]);
  });

  it('escalate: the next matching approver decides; every decision is recorded', async () => {
    const { sample, ran } = await runWith([
      { approver: fixed('first_line', { decision: 'escalate', explanation: 'Not sure.' }), tools: ['python', 'bash'] },
      { approver: fixed('second_line', { decision: 'approve' }), tools: 'bash' },
    ]);
    expect(ran).toEqual(['rm -rf /']);
    expect(approvalEvents(sample).map((event) => [event.approver, event.decision])).toEqual([
      ['first_line', 'escalate'],
      ['second_line', 'approve'],
    ]);
  });

  it('escalate with nobody left: the policy rejects the call', async () => {
    const { sample, ran } = await runWith([{ approver: fixed('shrug', { decision: 'escalate' }), tools: '*' }]);
    expect(ran).toEqual([]);
    expect(approvalEvents(sample).map((event) => [event.approver, event.decision, event.explanation])).toEqual([
      ['shrug', 'escalate', null],
      ['policy', 'reject', 'No approval granted for tool bash'],
    ]);
    expect(toolMessage(sample)).toMatchObject({ error: { type: 'approval', message: 'No approval granted for tool bash' } });
  });

  it('no approver for the tool: rejected, and the tool never runs', async () => {
    const { sample, ran } = await runWith([{ approver: autoApprover(), tools: 'python' }]);
    expect(ran).toEqual([]);
    expect(toolMessage(sample)).toMatchObject({ error: { type: 'approval', message: 'No approvers registered for tool bash' } });
  });

  it('terminate: the sample ends with an operator limit, is still scored, and the tool never runs', async () => {
    const { sample, ran } = await runWith([{ approver: autoApprover({ decision: 'terminate' }), tools: '*' }]);
    expect(ran).toEqual([]);
    expect(sample.error).toBeNull();
    expect(sample.limit).toEqual({ type: 'operator', limit: 1 });
    expect(sample.events).toContainEqual(
      expect.objectContaining({ event: 'sample_limit', type: 'operator', message: 'Tool call approver requested termination.' }),
    );
    expect(approvalEvents(sample).map((event) => event.decision)).toEqual(['terminate']);
    // The model is not called again after the termination.
    expect(sample.messages.filter((message) => message.role === 'assistant')).toHaveLength(1);
    expect(sample.scores?.includes).toBeDefined();
  });

  it('a custom approver sees the call, the assistant text and the conversation', async () => {
    const seen: Array<{ message: string; roles: string[]; cmd: unknown }> = [];
    const watcher = defineApprover({
      name: 'watcher',
      options: z.strictObject({ allow: z.array(z.string()) }),
      create:
        ({ allow }) =>
        async ({ call, message, history }) => {
          seen.push({ message, roles: history.map((item) => item.role), cmd: call.arguments.cmd });
          return allow.includes(String(call.arguments.cmd)) ? { decision: 'approve' } : { decision: 'reject', explanation: 'Not on the list.' };
        },
    });
    const { sample, ran } = await runWith([{ approver: watcher({ allow: ['ls'] }), tools: 'bash' }]);
    expect(ran).toEqual([]);
    expect(seen).toEqual([{ message: '', roles: ['user', 'assistant'], cmd: 'rm -rf /' }]);
    expect(toolMessage(sample)).toMatchObject({ error: { type: 'approval', message: 'Not on the list.' } });
  });

  it('eval-retry applies the approval policy the log recorded, as Inspect does', async () => {
    const ran: string[] = [];
    let attempts = 0;
    const failsFirst = defineSolver({
      name: 'fails_first',
      create: () => async (state) => {
        attempts++;
        if (attempts === 1) throw new Error('the first attempt fails');
        return state;
      },
    })();
    const retried = task({
      name: 'retried',
      dataset: [{ id: 1, input: 'Clean up.', target: 'done' }],
      solver: [failsFirst, useTools({ tools: [bashTool(ran)] }), generate()],
      scorer: includes(),
    });
    const [first] = await evaluate(retried, {
      model: scriptedModel([]),
      logDir,
      approval: [{ approver: autoApprover({ decision: 'reject' }), tools: 'bash' }],
    });
    expect(first?.status).toBe('error');
    const [second] = await evalRetry({
      log: first!.location!,
      task: retried,
      logDir,
      modelArgs: { customOutputs: [toolCallOutput([['bash', { cmd: 'rm -rf /' }, 'call-1']]), textOutput('done')] },
    });
    expect(second?.status).toBe('success');
    expect(ran).toEqual([]);
    const sample = (await readEvalLog({ path: second!.location! })).samples![0]!;
    expect(approvalEvents(sample).map((event) => [event.approver, event.decision])).toEqual([['auto', 'reject']]);
  });
});
