import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../tools/define-tool.js';
import { sampleState } from './__fixtures__/sample-state.js';
import { createGenerate } from './create-generate.js';
import { scriptedModel } from './__fixtures__/scripted-model.js';
import { defineSolver } from './define-solver.js';
import { generate } from './generate.js';
import { SolverOptionsError } from './solver-options-error.js';
import { useTools } from './use-tools.js';
import { chain } from './chain.js';

const shout = defineSolver({
  name: 'shout',
  options: z.strictObject({ suffix: z.string().default('!'), times: z.number().int().default(1) }),
  create:
    ({ suffix, times }) =>
    async (state) => {
      state.messages.push({ role: 'user', content: `LOUDER${suffix.repeat(times)}` });
      return state;
    },
});

describe('defineSolver', () => {
  it('records the parsed options, defaults applied, as args', () => {
    const solver = shout({ times: 3 });
    expect(solver.name).toBe('shout');
    expect(solver.args).toEqual({ suffix: '!', times: 3 });
    expect(shout().args).toEqual({ suffix: '!', times: 1 });
  });

  it('creates a solve function from the options', async () => {
    const state = await shout({ suffix: '?', times: 2 }).solve(sampleState('hi'), createGenerate({ model: scriptedModel([]) }));
    expect(state.messages.at(-1)).toEqual({ role: 'user', content: 'LOUDER??' });
  });

  it('rejects invalid options with an error naming the solver and the field', () => {
    const create = (): unknown => shout({ times: 'many' as unknown as number });
    expect(create).toThrow(SolverOptionsError);
    expect(create).toThrow(/solver "shout": times: .*expected number/);
    try {
      create();
    } catch (error) {
      expect((error as SolverOptionsError).code).toBe('solver_options');
      expect((error as SolverOptionsError).solver).toBe('shout');
    }
  });

  it('rejects unknown options of built-in solvers', () => {
    expect(() => generate({ toolcalls: 'none' } as never)).toThrow(
      'Invalid options for solver "generate": unknown option "toolcalls" (did you mean "toolCalls"?).',
    );
  });

  it('defaults to a solver without options', () => {
    const noop = defineSolver({ name: 'noop', create: () => async (state) => state });
    expect(noop()).toMatchObject({ name: 'noop', args: {} });
  });

  it('records tools by name and nested solvers as { name, args } so args stay JSON', () => {
    const add = defineTool({
      name: 'add',
      description: 'Adds.',
      parameters: z.object({ x: z.number() }),
      execute: ({ x }) => x,
    });
    expect(useTools({ tools: [add] }).args).toEqual({ tools: ['add'], toolChoice: 'auto', append: false });
    expect(chain(generate({ temperature: 0 })).args).toEqual({
      solvers: [{ name: 'generate', args: { toolCalls: 'loop', temperature: 0 } }],
    });
  });
});
