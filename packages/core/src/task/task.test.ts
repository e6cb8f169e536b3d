import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { includes, match } from '../scorer/index.js';
import { defineTask, TaskOptionsError } from './define-task.js';
import { UnknownOptionError } from '../util/unknown-option-error.js';
import { task } from './task.js';

describe('task', () => {
  it('gives repeated scorers unique names as Inspect does', () => {
    const created = task({ dataset: [{ input: 'a' }], scorer: [match(), match({ location: 'any' }), includes(), match()] });
    expect(created.scorers.map((scorer) => scorer.name)).toEqual(['match', 'match1', 'includes', 'match2']);
  });
  it('defaults the solver to generate() and numbers samples', () => {
    const created = task({ dataset: [{ input: 'a' }, { input: 'b' }] });
    expect(created.solver.map((solver) => solver.name)).toEqual(['generate']);
    expect(created.dataset.samples.map((sample) => sample.id)).toEqual([1, 2]);
  });
  it('rejects epochs that are not whole numbers', () => {
    expect(() => task({ dataset: [], epochs: 0 })).toThrow(/epochs must be a whole number >= 1/);
  });
});

describe('defineTask', () => {
  const qa = defineTask({
    name: 'qa',
    options: z.object({ shots: z.coerce.number().int().default(0), style: z.enum(['short', 'long']).default('short') }),
    create: ({ shots, style }) => ({ dataset: [{ input: `${style} ${shots}` }], metadata: { shots } }),
  });
  it('applies defaults, coerces values and records them as task args', () => {
    const created = qa({ shots: '3' as unknown as number });
    expect(created.name).toBe('qa');
    expect(created.args).toEqual({ shots: 3, style: 'short' });
    expect(created.dataset.samples[0]?.input).toBe('short 3');
  });
  it('names the bad key for unknown options and invalid values', () => {
    expect(() => qa({ bogus: 1 } as never)).toThrow(TaskOptionsError);
    expect(() => qa({ bogus: 1 } as never)).toThrow('Invalid options for task "qa": bogus: unknown option.');
    expect(() => qa({ style: 'medium' as never })).toThrow(/style: /);
  });
});

describe('task options', () => {
  it('rejects an Inspect-spelled or unsupported key, naming it and the Assay spelling', () => {
    const options = { name: 'ported', dataset: [{ input: 'a' }], message_limit: 5, task_args: {} } as never;
    expect(() => task(options)).toThrow(UnknownOptionError);
    expect(() => task(options)).toThrow(
      /^Unknown options for task "ported": "message_limit" \(Assay spells it "messageLimit"\), "task_args" \(call the defineTask factory/,
    );
  });
  it('takes a sandbox in each of Inspect\'s forms and records it as { type, config }', () => {
    const dataset = [{ input: 'a' }];
    expect(task({ dataset, sandbox: 'local' }).sandbox).toEqual({ type: 'local', config: null });
    expect(task({ dataset, sandbox: ['docker', 'compose.yaml'] }).sandbox).toEqual({ type: 'docker', config: 'compose.yaml' });
    expect(task({ dataset, sandbox: { type: 'bwrap', config: { network: false } } }).sandbox).toEqual({
      type: 'bwrap',
      config: { network: false },
    });
    expect(task({ dataset }).sandbox).toBeUndefined();
    expect(() => task({ dataset, sandbox: 42 as never })).toThrow(/Invalid sandbox spec 42/);
  });
  it('rejects a misspelt key returned by a defineTask create', () => {
    const factory = defineTask({ name: 'typo', create: () => ({ dataset: [{ input: 'a' }], tokenLimt: 10 }) as never });
    expect(() => factory()).toThrow('"tokenLimt" (did you mean "tokenLimit"?)');
  });
  it('suggests the Assay spelling of a defineTask option', () => {
    const factory = defineTask({ name: 'qa', options: z.object({ maxShots: z.number().default(0) }), create: () => ({ dataset: [] }) });
    expect(() => factory({ max_shots: 2 } as never)).toThrow('max_shots: unknown option (Assay spells it "maxShots")');
  });
});

describe('defineTask with an async create', () => {
  it('returns a promise of the task, options applied and recorded', async () => {
    const fewShot = defineTask({
      name: 'few_shot',
      options: z.object({ shots: z.number().default(2) }),
      create: async ({ shots }) => {
        await new Promise((resolve) => setImmediate(resolve));
        return { dataset: [{ input: `with ${shots} shots` }], model: 'mockllm/model' };
      },
    });
    const created = await fewShot({ shots: 3 });
    expect(created.name).toBe('few_shot');
    expect(created.args).toEqual({ shots: 3 });
    expect(created.dataset.samples[0]?.input).toBe('with 3 shots');
  });
});
