import { describe, expect, it } from 'vitest';
import { tokenLimit } from '../limits/limit.js';
import { scriptedModel, textOutput, toolCallOutput } from '../solver/__fixtures__/scripted-model.js';
import { evalAgent, spanNames } from './__fixtures__/agent-eval.js';
import { asSolver } from './as-solver.js';
import { asTool } from './as-tool.js';
import { defineAgent } from './define-agent.js';
import { react } from './react.js';
import { run } from './run.js';

const submit = (answer: string, id: string) => toolCallOutput([['submit', { answer }, id]]);

describe('run()', () => {
  it('runs an agent on a copy of its input, outside any eval', async () => {
    const model = scriptedModel([submit('4', 's1')]);
    const input = [{ role: 'user' as const, content: 'What is 2 + 2?' }];
    const state = await run(react({ model, prompt: null }), input);
    expect(state.output.completion).toBe('4');
    expect(state.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(state.messages[0]).toEqual({ role: 'user', content: 'What is 2 + 2?', source: 'input' });
    expect(input[0]).toEqual({ role: 'user', content: 'What is 2 + 2?' });
  });

  it('with limits, returns the limit error with the work done so far instead of throwing', async () => {
    const model = scriptedModel([toolCallOutput([['submit', { answer: 'x' }, 's1']])]);
    const limit = tokenLimit(1);
    const [state, limitError] = await run(react({ model, prompt: null }), 'Hi', { limits: [limit] });
    expect(limitError).toMatchObject({ type: 'token', limit: 1, source: limit });
    expect(state.messages).toEqual([{ role: 'user', content: 'Hi', source: 'input' }]);
    const [done, none] = await run(react({ model: scriptedModel([submit('ok', 's2')]), prompt: null }), 'Hi', {
      limits: [tokenLimit(10_000)],
    });
    expect([done.output.completion, none]).toEqual(['ok', undefined]);
  });
});

describe('asTool()', () => {
  it("offers an agent as a tool named after it; its answer is the tool's result", async () => {
    const helper = react({ name: 'helper', description: 'Answers sub-questions.', prompt: 'Help.' });
    const { sample, calls } = await evalAgent({
      outputs: [toolCallOutput([['helper', { input: 'What is 2 + 3?' }, 't1']]), submit('5', 'h1'), submit('5', 's1')],
      solver: asSolver(react({ tools: [asTool(helper)] })),
    });
    expect(calls[0]!.tools?.[0]).toMatchObject({
      name: 'helper',
      description: 'Answers sub-questions.',
      parameters: { properties: { input: { type: 'string', description: 'Input message.' } }, required: ['input'] },
    });
    // The helper starts a fresh conversation from the input.
    expect(calls[1]!.input.slice(1)).toEqual([{ role: 'user', content: 'What is 2 + 3?', source: 'input' }]);
    expect(calls[2]!.input.at(-1)).toMatchObject({ role: 'tool', content: '5', function: 'helper' });
    expect(spanNames(sample)).toEqual([
      'solvers:solvers',
      'solver:react',
      'agent:react',
      'tool:helper',
      'agent:helper',
      'tool:submit',
      'tool:submit',
      'scorers:scorers',
      'scorer:includes',
    ]);
  });
});

describe('asSolver() and defineAgent()', () => {
  it('records a defined agent in the plan under its name and options, and runs it as a solver', async () => {
    const echo = defineAgent({
      name: 'echo_agent',
      description: 'Repeats the last message.',
      create: () => async (state) => {
        const last = state.messages.at(-1);
        state.messages.push({ role: 'assistant', content: `You said: ${String(last?.content)}` });
        return state;
      },
    });
    const { sample, raw } = await evalAgent({ outputs: [textOutput('unused')], input: 'Say 5', solver: asSolver(echo()) });
    expect(sample.messages.at(-1)).toEqual({ role: 'assistant', content: 'You said: Say 5' });
    expect((raw.plan as { steps: Array<{ solver: string }> }).steps.map((step) => step.solver)).toEqual(['echo_agent']);
    expect(spanNames(sample).slice(0, 3)).toEqual(['solvers:solvers', 'solver:echo_agent', 'agent:echo_agent']);
  });

  it('rejects unknown agent options', () => {
    const agent = defineAgent({ name: 'noop', create: () => async (state) => state });
    expect(() => agent({ colour: 'red' } as never)).toThrow(/Invalid options for agent "noop": unknown option "colour"/);
  });
});
