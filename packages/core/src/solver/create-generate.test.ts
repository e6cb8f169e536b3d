import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../tools/define-tool.js';
import { sampleState } from './__fixtures__/sample-state.js';
import { createGenerate } from './create-generate.js';
import { scriptedModel, textOutput, toolCallOutput } from './__fixtures__/scripted-model.js';
import { LimitExceededError } from './limit-exceeded-error.js';

const add = defineTool({
  name: 'add',
  description: 'Adds two numbers.',
  parameters: z.object({ x: z.number(), y: z.number() }),
  execute: ({ x, y }) => x + y,
});
const lookup = defineTool({
  name: 'lookup',
  description: 'Looks up a word.',
  parameters: z.object({ word: z.string() }),
  execute: ({ word }) => ({ word, length: word.length }),
});

function twoRoundModel() {
  return scriptedModel([
    toolCallOutput([
      ['add', { x: 1, y: 2 }, 'call-1'],
      ['lookup', { word: 'three' }, 'call-2'],
    ]),
    toolCallOutput([['add', { x: 3, y: 5 }, 'call-3']]),
    textOutput('The answer is 8.'),
  ]);
}

describe('createGenerate', () => {
  it("gives tools the sample's store", async () => {
    const remember = defineTool({
      name: 'remember',
      description: 'Remembers a word in the store.',
      parameters: z.object({ word: z.string() }),
      execute: ({ word }, context) => {
        context.store?.set('remembered', word);
        return 'ok';
      },
    });
    const state = sampleState('Remember "apple".');
    state.tools = [remember];
    await createGenerate({ model: scriptedModel([toolCallOutput([['remember', { word: 'apple' }, 'call-1']]), textOutput('Done.')]) })(state);
    expect(state.store.get('remembered')).toBe('apple');
  });

  it('loops through tool-call rounds until the model answers', async () => {
    const model = twoRoundModel();
    const state = sampleState('Add things.');
    state.tools = [add, lookup];
    await createGenerate({ model })(state);

    expect(state.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'tool',
      'assistant',
      'tool',
      'assistant',
    ]);
    expect(state.messages[2]).toEqual({ role: 'tool', content: '3', tool_call_id: 'call-1', function: 'add' });
    expect(state.messages[3]).toEqual({
      role: 'tool',
      content: '{"word":"three","length":5}',
      tool_call_id: 'call-2',
      function: 'lookup',
    });
    expect(state.messages[5]).toMatchObject({ content: '8', tool_call_id: 'call-3' });
    expect(state.messages[6]).toMatchObject({ role: 'assistant', content: 'The answer is 8.', source: 'generate' });
    expect(state.output.completion).toBe('The answer is 8.');

    expect(model.calls).toHaveLength(3);
    expect(model.calls[0]?.tools?.map((tool) => tool.name)).toEqual(['add', 'lookup']);
    // Each call sees the conversation so far, tool results included.
    expect(model.calls[1]?.input).toHaveLength(4);
    expect(model.calls[2]?.input).toHaveLength(6);
  });

  it('resolves one round of tool calls with "single"', async () => {
    const model = twoRoundModel();
    const state = sampleState('Add things.');
    state.tools = [add, lookup];
    await createGenerate({ model })(state, { toolCalls: 'single' });
    expect(state.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'tool']);
    expect(model.calls).toHaveLength(1);
  });

  it('leaves tool calls unresolved with "none"', async () => {
    const model = twoRoundModel();
    const state = sampleState('Add things.');
    state.tools = [add, lookup];
    await createGenerate({ model })(state, { toolCalls: 'none' });
    expect(state.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(state.output.choices[0]?.message.tool_calls).toHaveLength(2);
  });

  it('forces a tool only on the first round', async () => {
    const model = twoRoundModel();
    const state = sampleState('Add things.');
    state.tools = [add, lookup];
    state.toolChoice = { name: 'add' };
    await createGenerate({ model })(state);
    expect(model.calls.map((call) => call.toolChoice)).toEqual([{ name: 'add' }, 'auto', 'auto']);
  });

  it('merges call config over the generate config', async () => {
    const model = scriptedModel([textOutput('ok')]);
    await createGenerate({ model, config: { temperature: 1, seed: 3 } })(sampleState('Hi'), { config: { temperature: 0 } });
    expect(model.calls[0]?.config).toEqual({ temperature: 0, seed: 3 });
  });

  it('throws a message LimitExceededError before a call that would pass the message limit', async () => {
    const model = twoRoundModel();
    const state = sampleState('Add things.', { messageLimit: 4 });
    state.tools = [add, lookup];
    const error = await createGenerate({ model })(state).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LimitExceededError);
    expect(error).toMatchObject({ code: 'limit_exceeded', type: 'message', limit: 4, value: 4 });
    expect((error as Error).message).toBe('Message limit reached. count: 4; limit: 4');
    // user, assistant and two tool messages were added; the second model call was never made.
    expect(state.messages).toHaveLength(4);
    expect(model.calls).toHaveLength(1);
  });

  it('throws when tool results take the conversation past the message limit', async () => {
    const model = twoRoundModel();
    const state = sampleState('Add things.', { messageLimit: 3 });
    state.tools = [add, lookup];
    await expect(createGenerate({ model })(state)).rejects.toMatchObject({ type: 'message', limit: 3, value: 4 });
  });

  it('throws a turn LimitExceededError when the model has used its turns', async () => {
    const model = twoRoundModel();
    const state = sampleState('Add things.', { turnLimit: 2 });
    state.tools = [add, lookup];
    await expect(createGenerate({ model })(state)).rejects.toMatchObject({ type: 'turn', limit: 2, value: 2 });
    expect(model.calls).toHaveLength(2);
  });
});
