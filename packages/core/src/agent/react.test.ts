import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { textOutput, toolCallOutput } from '../solver/__fixtures__/scripted-model.js';
import { defineTool } from '../tools/define-tool.js';
import { evalAgent, spanNames } from './__fixtures__/agent-eval.js';
import { asSolver } from './as-solver.js';
import { react } from './react.js';
import { defaultAssistantPrompt, defaultContinuePrompt, defaultSubmitPrompt } from './react-types.js';

const add = defineTool({
  name: 'add',
  description: 'Adds two numbers.',
  parameters: z.object({ x: z.number(), y: z.number() }),
  execute: ({ x, y }) => x + y,
});

const submit = (answer: string, id: string) => toolCallOutput([['submit', { answer }, id]]);

describe('react()', () => {
  it('works with tools until the model submits; the answer is the completion and the submit call leaves the history', async () => {
    const { sample, calls } = await evalAgent({
      outputs: [toolCallOutput([['add', { x: 2, y: 3 }, 'c1']]), submit('5', 'c2')],
      solver: asSolver(react({ prompt: 'Add the numbers.', tools: [add] })),
    });
    expect(calls).toHaveLength(2);
    // The system message: the instructions, then the assistant prompt followed by the submit prompt.
    const system = calls[0]!.input[0]!;
    expect(system).toMatchObject({
      role: 'system',
      content: `Add the numbers.\n\n${defaultAssistantPrompt}\n${defaultSubmitPrompt.replace('{submit}', 'submit')}`,
    });
    expect(calls[0]!.tools?.map((tool) => tool.name)).toEqual(['add', 'submit']);
    expect(sample.output.completion).toBe('5');
    expect(sample.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant']);
    expect(sample.messages.at(-1)).toMatchObject({ role: 'assistant', content: '5', tool_calls: [] });
    expect(sample.scores?.includes?.value).toBe('C');
  });

  it('urges the model on with the continue prompt when it stops without submitting', async () => {
    const { sample, calls } = await evalAgent({
      outputs: [textOutput('Thinking about it.'), submit('5', 'c1')],
      solver: asSolver(react({ tools: [add] })),
    });
    expect(calls).toHaveLength(2);
    expect(calls[1]!.input.at(-1)).toEqual({
      role: 'user',
      content: defaultContinuePrompt.replace('{submit}', 'submit'),
    });
    expect(sample.output.completion).toBe('5');
  });

  it('plays back a custom continue message, with {submit} replaced by the submit tool name', async () => {
    const { calls } = await evalAgent({
      outputs: [textOutput('Hmm.'), toolCallOutput([['answer', { answer: '5' }, 'c1']])],
      solver: asSolver(react({ tools: [add], submit: { name: 'answer' }, onContinue: 'Keep going, then call {submit}().' })),
    });
    expect(calls[1]!.input.at(-1)).toEqual({ role: 'user', content: 'Keep going, then call answer().' });
    expect(calls[0]!.tools?.map((tool) => tool.name)).toEqual(['add', 'answer']);
  });

  it('stops when an onContinue function says so', async () => {
    let asked = 0;
    const { calls, sample } = await evalAgent({
      outputs: [toolCallOutput([['add', { x: 1, y: 1 }, 'c1']]), textOutput('done')],
      solver: asSolver(
        react({
          tools: [add],
          onContinue: async () => {
            asked++;
            return asked < 2;
          },
        }),
      ),
    });
    expect(calls).toHaveLength(2);
    expect(asked).toBe(2);
    expect(sample.output.completion).toBe('done');
  });

  it('without a submit tool, stops as soon as the model calls no tool', async () => {
    const { calls, sample } = await evalAgent({
      outputs: [toolCallOutput([['add', { x: 2, y: 3 }, 'c1']]), textOutput('It is 5.')],
      solver: asSolver(react({ tools: [add], submit: false, prompt: null })),
    });
    expect(calls).toHaveLength(2);
    expect(calls[0]!.tools?.map((tool) => tool.name)).toEqual(['add']);
    expect(calls[0]!.input[0]).toMatchObject({ role: 'user' });
    expect(sample.output.completion).toBe('It is 5.');
  });

  it('refuses a continue string without a submit tool', () => {
    expect(() => react({ submit: false, onContinue: 'go on' })).toThrow(/onContinue cannot be a string/);
  });

  it('judges attempts with the task scorer, telling the model when it was wrong', async () => {
    const { sample, calls } = await evalAgent({
      outputs: [submit('4', 'c1'), submit('5', 'c2')],
      solver: asSolver(react({ tools: [add], attempts: 3 })),
    });
    expect(calls).toHaveLength(2);
    expect(calls[1]!.input.at(-1)).toEqual({
      role: 'user',
      content: 'Your submission was incorrect. Please proceed and attempt to find the correct answer.',
    });
    const scores = (sample.events as Array<Record<string, unknown>>).filter((event) => event.event === 'score');
    // Each attempt short of the last is scored on the spot (intermediate); then the task scores the sample as usual.
    expect(scores.map((event) => [event.intermediate, (event.score as { value: unknown }).value])).toEqual([
      [true, 'I'],
      [true, 'C'],
      [false, 'C'],
    ]);
    expect(sample.scores?.includes?.value).toBe('C');
  });

  it('stops after the last attempt even when it is wrong', async () => {
    const { sample, calls } = await evalAgent({
      outputs: [submit('1', 'c1'), submit('2', 'c2')],
      solver: asSolver(react({ tools: [add], attempts: { attempts: 2, incorrectMessage: async () => 'Nope, again.' } })),
    });
    expect(calls).toHaveLength(2);
    expect(calls[1]!.input.at(-1)).toEqual({ role: 'user', content: 'Nope, again.' });
    expect(sample.output.completion).toBe('2');
    expect(sample.scores?.includes?.value).toBe('I');
  });

  it('on a context-window overflow stops by default, or trims the conversation and goes on', async () => {
    const overflow = { ...textOutput(''), choices: [{ ...textOutput('').choices[0]!, stop_reason: 'model_length' as const }] };
    const stopped = await evalAgent({ outputs: [overflow], solver: asSolver(react({ tools: [add] })) });
    const info = (stopped.sample.events as Array<Record<string, unknown>>).filter((event) => event.event === 'info');
    expect(info.map((event) => event.data)).toEqual(['Agent terminated: model context window exceeded']);
    expect(stopped.calls).toHaveLength(1);

    const rounds = [1, 2, 3, 4].map((round) => toolCallOutput([['add', { x: round, y: round }, `a${round}`]]));
    const trimmed = await evalAgent({
      outputs: [...rounds, overflow, submit('5', 'done')],
      solver: asSolver(react({ tools: [add], truncation: 'auto' })),
    });
    expect(trimmed.calls).toHaveLength(6);
    const before = trimmed.calls[4]!.input;
    const after = trimmed.calls[5]!.input;
    expect(after.length).toBeLessThan(before.length);
    // The system message and the input stay; the conversation after them starts at a model turn.
    expect(after.slice(0, 2).map((message) => message.role)).toEqual(['system', 'user']);
    expect(after[2]?.role).toBe('assistant');
    const notes = (trimmed.sample.events as Array<Record<string, unknown>>).filter((event) => event.event === 'info');
    expect(notes.map((event) => event.data)).toEqual(['Agent exceeded model context window, truncating messages and continuing.']);
    expect(trimmed.sample.output.completion).toBe('5');
  });

  it('runs as a task solver given directly, as Inspect\'s Task(solver=react())', async () => {
    const { sample, raw } = await evalAgent({ outputs: [submit('5', 'c1')], solver: react({ name: 'direct' }) });
    expect(sample.output.completion).toBe('5');
    expect((raw.plan as { steps: Array<{ solver: string }> }).steps.map((step) => step.solver)).toEqual(['direct']);
  });

  it('records the agent and each tool call as spans', async () => {
    const { sample } = await evalAgent({
      outputs: [toolCallOutput([['add', { x: 2, y: 3 }, 'c1']]), submit('5', 'c2')],
      solver: asSolver(react({ name: 'adder', tools: [add] })),
    });
    expect(spanNames(sample)).toEqual(['solvers:solvers', 'solver:adder', 'agent:adder', 'tool:add', 'tool:submit', 'scorers:scorers', 'scorer:includes']);
    const events = sample.events as Array<Record<string, unknown>>;
    const toolSpan = events.find((event) => event.event === 'span_begin' && event.name === 'add')!;
    const toolEvent = events.find((event) => event.event === 'tool' && event.function === 'add')!;
    expect(toolEvent.span_id).toBe(toolSpan.id);
    const agentSpan = events.find((event) => event.event === 'span_begin' && event.type === 'agent')!;
    expect(toolSpan.parent_id).toBe(agentSpan.id);
  });
});
