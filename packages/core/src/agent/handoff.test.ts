import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { messageLimit } from '../limits/limit.js';
import { textOutput, toolCallOutput } from '../solver/__fixtures__/scripted-model.js';
import { defineTool } from '../tools/define-tool.js';
import { evalAgent, spanNames } from './__fixtures__/agent-eval.js';
import { asSolver } from './as-solver.js';
import { handoff } from './handoff.js';
import { lastMessage, removeTools } from './message-filter.js';
import { react } from './react.js';
import { defaultHandoffPrompt } from './react-types.js';

const lookup = defineTool({
  name: 'lookup',
  description: 'Looks a fact up.',
  parameters: z.object({ query: z.string() }),
  execute: ({ query }) => `fact about ${query}`,
});

const researcher = react({ name: 'researcher', description: 'Researches facts.', prompt: 'You research.', tools: [lookup] });
const submit = (answer: string, id: string) => toolCallOutput([['submit', { answer }, id]]);

describe('handoff()', () => {
  it('is a transfer_to_<name> tool whose agent continues the conversation, its messages joining it', async () => {
    const { sample, calls } = await evalAgent({
      input: 'What is the capital of France?',
      target: 'Paris',
      outputs: [toolCallOutput([['transfer_to_researcher', {}, 'h1']]), submit('Paris', 'r1'), submit('Paris', 's1')],
      solver: asSolver(react({ prompt: 'You coordinate.', tools: [handoff(researcher)] })),
    });
    expect(calls).toHaveLength(3);
    expect(calls[0]!.tools?.map((tool) => tool.name)).toEqual(['transfer_to_researcher', 'submit']);
    expect(calls[0]!.input[0]!.content).toContain(defaultHandoffPrompt);
    // The researcher sees the conversation without the coordinator's system message, under its own.
    expect(calls[1]!.input.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(calls[1]!.input[0]!.content).toMatch(/^You research\./);
    expect(calls[1]!.input[3]).toMatchObject({ role: 'tool', content: 'Successfully transferred to researcher.' });
    // Back with the coordinator: the researcher's answer under its name, then the turn handed back.
    expect(calls[2]!.input.slice(-3)).toEqual([
      { role: 'tool', content: 'Successfully transferred to researcher.', tool_call_id: 'h1', function: 'transfer_to_researcher' },
      expect.objectContaining({ role: 'assistant', content: '[researcher] Paris' }),
      { role: 'user', content: 'The researcher agent has completed its work.' },
    ]);
    expect(sample.scores?.includes?.value).toBe('C');
    expect(spanNames(sample)).toEqual([
      'solvers:solvers',
      'solver:react',
      'agent:react',
      'handoff:researcher',
      'agent:researcher',
      'tool:submit',
      'tool:submit',
      'scorers:scorers',
      'scorer:includes',
    ]);
    const transfer = (sample.events as Array<Record<string, unknown>>).find(
      (event) => event.event === 'tool' && event.function === 'transfer_to_researcher',
    );
    expect(transfer).toMatchObject({ agent: 'researcher', result: 'Successfully transferred to researcher.' });
  });

  it('filters what the agent sees and what comes back', async () => {
    const { calls } = await evalAgent({
      outputs: [
        toolCallOutput([['lookup', { query: 'France' }, 'l1']]),
        toolCallOutput([['transfer_to_researcher', {}, 'h1']]),
        textOutput('Let me think.'),
        submit('Paris', 'r1'),
        submit('Paris', 's1'),
      ],
      solver: asSolver(
        react({
          tools: [lookup, handoff(researcher, { inputFilter: removeTools, outputFilter: lastMessage })],
        }),
      ),
    });
    // removeTools: no tool results and no tool calls reach the researcher.
    const seen = calls[2]!.input;
    expect(seen.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'assistant']);
    expect(seen.some((message) => message.role === 'assistant' && message.tool_calls)).toBe(false);
    // lastMessage: of the researcher's three messages (text, continue prompt, answer), only the answer comes back.
    const back = calls[4]!.input;
    const transferAt = back.findIndex((message) => message.role === 'tool' && message.function === 'transfer_to_researcher');
    expect(back.slice(transferAt + 1)).toEqual([
      expect.objectContaining({ role: 'assistant', content: '[researcher] Paris' }),
      { role: 'user', content: 'The researcher agent has completed its work.' },
    ]);
  });

  it('stops only the agent when its own limit is hit, and tells the caller', async () => {
    const { sample, calls } = await evalAgent({
      outputs: [toolCallOutput([['transfer_to_researcher', {}, 'h1']]), submit('5', 's1')],
      solver: asSolver(react({ tools: [handoff(researcher, { limits: [messageLimit(4)] })] })),
    });
    // The researcher's first call would have had 4 messages: it never ran, and the coordinator carried on.
    expect(calls).toHaveLength(2);
    expect(calls[1]!.input.at(-1)).toEqual({
      role: 'user',
      content: 'The researcher agent exceeded its message limit and was stopped: Message limit reached. count: 4; limit: 4',
    });
    expect(sample.limit ?? null).toBeNull();
    expect(sample.scores?.includes?.value).toBe('C');
    // Recorded in the transcript, inside the handoff's span.
    const events = sample.events as Array<Record<string, unknown>>;
    const note = events.find((event) => event.event === 'info' && event.source === 'limit')!;
    expect(note.data).toBe('Message limit reached. count: 4; limit: 4');
    const span = events.find((event) => event.event === 'span_begin' && event.type === 'handoff')!;
    expect(note.span_id).toBe(span.id);
  });

  it('needs a description for the model', () => {
    expect(() => handoff(react({ name: 'quiet' }))).toThrow(/has no description/);
  });
});
