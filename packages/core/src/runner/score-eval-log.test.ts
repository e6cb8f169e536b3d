import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getModel, modelOutputFromContent } from '@assay/model';
import type { ChatMessage } from '@assay/model/spec';
import { afterAll, describe, expect, it } from 'vitest';
import { readEvalLog } from '../log/node/read-eval-log.js';
import { includes } from '../scorer/includes.js';
import { modelGradedQa } from '../scorer/model-graded.js';
import { generate } from '../solver/index.js';
import { task } from '../task/task.js';
import { evaluate } from './evaluate.js';
import { scoreEvalLog } from './score-eval-log.js';

const logDir = await mkdtemp(path.join(os.tmpdir(), 'assay-score-'));
afterAll(() => rm(logDir, { recursive: true, force: true }));

/** A mockllm model that grades every submission `grade` and records the prompts it was sent. */
function grader(grade: 'C' | 'I'): { model: ReturnType<typeof getModel>; prompts: string[] } {
  const prompts: string[] = [];
  const model = getModel('mockllm/model', {
    args: {
      customOutputs: (options: { input: ChatMessage[] }) => {
        const last = options.input.at(-1);
        prompts.push(typeof last?.content === 'string' ? last.content : '');
        return modelOutputFromContent({ model: 'mockllm/model', content: `Looks fine.\nGRADE: ${grade}` });
      },
    },
  });
  return { model, prompts };
}

const qa = task({
  name: 'qa',
  dataset: [
    { id: 'a', input: 'Name a colour', target: 'any colour' },
    { id: 'b', input: 'Name a fruit', target: 'any fruit' },
  ],
  solver: generate(),
  scorer: includes(),
  modelRoles: { grader: 'mockllm/model' },
});

describe('scoreEvalLog with model-graded scorers', () => {
  it('runs scorers with the models the log recorded: the grader role and the model under evaluation', async () => {
    const [log] = await evaluate(qa, { model: 'mockllm/model', logDir });
    expect(log?.eval.model_roles).toMatchObject({ grader: { model: 'mockllm/model' } });
    // The recorded grader answers with mockllm's default output, which holds no grade: each sample is left unscored.
    const byRole = await scoreEvalLog({ log: log!.location!, scorers: [modelGradedQa()], output: path.join(logDir, 'role.eval') });
    const rescored = await readEvalLog({ path: byRole.location! });
    expect(rescored.samples?.map((sample) => sample.scores?.model_graded_qa?.value)).toEqual([Number.NaN, Number.NaN]);
    expect(rescored.samples?.[0]?.scores?.model_graded_qa?.metadata?.unscored_reason).toBe('grade_parse_failure');
    expect(rescored.samples?.[0]?.scores?.model_graded_qa?.explanation).toContain('Default output from mockllm/model');
    // A scorer naming no role uses the log's model.
    const byModel = await scoreEvalLog({
      log: log!.location!,
      scorers: [modelGradedQa({ role: 'unbound' })],
      output: path.join(logDir, 'model.eval'),
    });
    expect(byModel.results?.scores?.find((score) => score.name === 'model_graded_qa')).toBeDefined();
  });

  it('takes role models given for the rescoring over those of the log', async () => {
    const [log] = await evaluate(qa, { model: 'mockllm/model', logDir });
    const strict = grader('C');
    const result = await scoreEvalLog({
      log: log!.location!,
      scorers: [modelGradedQa()],
      modelRoles: { grader: strict.model },
      action: 'overwrite',
      output: path.join(logDir, 'given.eval'),
    });
    const metrics = result.results?.scores?.[0]?.metrics as Record<string, { value: number }>;
    expect(result.results?.scores?.map((score) => score.name)).toEqual(['model_graded_qa']);
    expect(metrics.accuracy?.value).toBe(1);
    expect(strict.prompts).toHaveLength(2);
    expect(strict.prompts.join('\n')).toContain('[Criterion]: any fruit');
  });

  it('fails before writing anything when a given role model cannot load', async () => {
    const [log] = await evaluate(qa, { model: 'mockllm/model', logDir });
    const output = path.join(logDir, 'never.eval');
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      await expect(scoreEvalLog({ log: log!.location!, scorers: [modelGradedQa()], modelRoles: { grader: 'openai/gpt-4o' }, output })).rejects.toThrow(
        /OPENAI_API_KEY/,
      );
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
    await expect(readEvalLog({ path: output })).rejects.toThrow();
  });
});

describe('scoreEvalLog without scorers: the ones the log records', () => {
  // includes({ ignoreCase: false }) on answers "paris" to targets "Paris" and "paris": accuracy 0.5 (1 ignoring case).
  const caseSensitive = task({
    name: 'case_sensitive',
    dataset: [
      { id: 1, input: 'Capital of France?', target: 'Paris' },
      { id: 2, input: 'Capital of Italy?', target: 'paris' },
    ],
    solver: generate(),
    scorer: includes({ ignoreCase: false }),
  });

  it("records options under Inspect's argument names, and rebuilds the scorer from them", async () => {
    const [log] = await evaluate(caseSensitive, { model: getModel('mockllm/model', { args: { defaultOutput: 'paris' } }), logDir });
    expect(log?.eval.scorers).toEqual([
      { name: 'includes', options: { ignore_case: false }, metrics: [{ name: 'accuracy', options: {} }, { name: 'stderr', options: {} }] },
    ]);
    expect(log?.results?.scores[0]?.params).toEqual({ ignore_case: false });
    const rescored = await scoreEvalLog({ log: log!.location!, action: 'overwrite', output: path.join(logDir, 'rebuilt.eval') });
    expect(rescored.eval.scorers?.[0]?.options).toEqual({ ignore_case: false });
    expect(rescored.results?.scores[0]?.metrics.accuracy?.value).toBe(0.5);
  });

  it('still reads the camelCase options of logs written before', async () => {
    // Written by Assay before options were recorded under Inspect's names: options { ignoreCase: false }.
    const old = fileURLToPath(new URL('./__fixtures__/old-camel-case-options.eval', import.meta.url));
    const before = await readEvalLog({ path: old });
    expect(before.eval.scorers?.[0]?.options).toEqual({ ignoreCase: false });
    const rescored = await scoreEvalLog({ log: old, action: 'overwrite', output: path.join(logDir, 'old.eval') });
    expect(rescored.eval.scorers?.[0]?.options).toEqual({ ignore_case: false });
    expect(rescored.results?.scores[0]?.metrics.accuracy?.value).toBe(0.5);
  });

  it('names a scorer it cannot rebuild', async () => {
    const custom = task({
      name: 'custom',
      dataset: [{ id: 1, input: 'hi', target: 'x' }],
      scorer: { name: 'mine', args: {}, metrics: [], score: async () => ({ value: 1 }) },
    });
    const [log] = await evaluate(custom, { model: 'mockllm/model', logDir });
    await expect(scoreEvalLog({ log: log!.location!, output: path.join(logDir, 'custom.eval') })).rejects.toThrow(
      /scorer "mine" is not a built-in scorer/,
    );
  });
});
