// `inspect score LOG` (the real Inspect 0.3.260 in ../shared) on logs Assay writes for every built-in scorer × its
// options: Inspect must rebuild each scorer from `eval.scorers[].options` and score the log again.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getModel } from '@assay/model';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryDataset } from '../src/dataset/memory-dataset.js';
import type { DatasetSample } from '../src/dataset/dataset.js';
import { evaluate } from '../src/runner/evaluate.js';
import { answer, choice, exact, f1, includes, match, modelGradedFact, modelGradedQa, pattern } from '../src/scorer/index.js';
import type { Scorer } from '../src/scorer/scorer.js';
import { generate, multipleChoice, type Solver } from '../src/solver/index.js';
import { task } from '../src/task/task.js';
import { sharedDir } from './log-fixtures.js';

const inspect = path.join(sharedDir, 'tools/inspect-py/inspect');
const hasInspect = existsSync(inspect);
const script = fileURLToPath(new URL('./inspect_score_logs.py', import.meta.url));
const work = mkdtempSync(path.join(os.tmpdir(), 'assay-inspect-score-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const text: DatasetSample[] = [
  { id: 1, input: 'What is the capital of France?', target: 'Paris' },
  { id: 2, input: 'Say 42', target: '42' },
];
const quiz: DatasetSample[] = [{ id: 1, input: 'Which is a prime?', choices: ['4', '6', '7', '9'], target: 'C' }];

// Every built-in scorer, with each of its options set away from the default at least once.
const cases: Array<[name: string, samples: DatasetSample[], solver: Solver, scorer: Scorer | Scorer[]]> = [
  ['match', text, generate(), match()],
  ['match_begin', text, generate(), match({ location: 'begin' })],
  ['match_any_case', text, generate(), match({ location: 'any', ignoreCase: false })],
  ['match_exact', text, generate(), match({ location: 'exact' })],
  ['match_numeric', text, generate(), match({ numeric: true })],
  ['includes', text, generate(), includes()],
  ['includes_case', text, generate(), includes({ ignoreCase: false })],
  ['pattern', text, generate(), pattern({ pattern: '(\\w+)' })],
  ['pattern_case', text, generate(), pattern({ pattern: '(\\w+)', ignoreCase: false })],
  ['pattern_all', text, generate(), pattern({ pattern: '(\\w+) (\\w+)', matchAll: true })],
  ['answer_letter', text, generate(), answer({ pattern: 'letter' })],
  ['answer_word', text, generate(), answer({ pattern: 'word' })],
  ['answer_line', text, generate(), answer({ pattern: 'line' })],
  ['exact', text, generate(), exact()],
  ['f1', text, generate(), f1()],
  ['f1_stop', text, generate(), f1({ stopWords: ['the'] })],
  ['choice', quiz, multipleChoice(), choice()],
  ['choice_cot', quiz, multipleChoice({ cot: true }), choice()],
  ['choice_multi', quiz, multipleChoice({ multipleCorrect: true }), choice()],
  ['choice_shuffle', quiz, multipleChoice({ shuffle: 3 }), choice()],
  ['mgqa', text, generate(), modelGradedQa()],
  ['mgqa_partial', text, generate(), modelGradedQa({ partialCredit: true })],
  ['mgqa_history', text, generate(), modelGradedQa({ includeHistory: true })],
  ['mgqa_pattern', text, generate(), modelGradedQa({ gradePattern: 'GRADE: (C|I)' })],
  ['mgqa_instructions', text, generate(), modelGradedQa({ instructions: 'Say GRADE: C or GRADE: I' })],
  ['mgqa_role', text, generate(), modelGradedQa({ role: 'judge' })],
  ['mgqa_model', text, generate(), modelGradedQa({ model: 'mockllm/model' })],
  ['mgfact', text, generate(), modelGradedFact()],
  ['mgfact_partial', text, generate(), modelGradedFact({ partialCredit: true })],
  ['match_includes', text, generate(), [match(), includes({ ignoreCase: false })]],
];

interface InspectScoreResult {
  log: string;
  ok: boolean;
  error?: string;
  scores?: Array<{ name: string; metrics: Record<string, number> }>;
}

describe.skipIf(!hasInspect)(
  hasInspect ? 'inspect score on Assay logs' : `inspect score on Assay logs (skipped: ${inspect} not found)`,
  () => {
    it(`rebuilds the scorers of all ${cases.length} logs (built-in scorers × options)`, { timeout: 900_000 }, async () => {
      const model = getModel('mockllm/model', { args: { defaultOutput: 'The answer is Paris\nANSWER: C' } });
      const assayAccuracy = new Map<string, number | undefined>();
      for (const [name, samples, solver, scorer] of cases) {
        const [log] = await evaluate(task({ name, dataset: memoryDataset({ samples }), solver, scorer }), { model, logDir: work });
        assayAccuracy.set(log!.location!, log!.results?.scores[0]?.metrics.accuracy?.value ?? log!.results?.scores[0]?.metrics.mean?.value);
      }
      const logs = [...assayAccuracy.keys()];
      // One Python process runs Inspect's `inspect score` for every log (its start-up is the slow part).
      const run = spawnSync(inspect, [script, ...logs], { encoding: 'utf8', env: { ...process.env, INSPECT_PY_PYTHON: '1' } });
      const results: InspectScoreResult[] = run.stdout
        .split('\n')
        .filter((line) => line.startsWith('INSPECT-SCORE '))
        .map((line) => JSON.parse(line.slice('INSPECT-SCORE '.length)) as InspectScoreResult);
      expect(results.map((result) => result.log), run.stderr).toEqual(logs);
      const failures = results.filter((result) => !result.ok).map((result) => `${path.basename(result.log)}: ${result.error}`);
      expect(failures).toEqual([]);
      // Scorers that need no grader give Inspect's metrics the same values as Assay's. Not `choice`: Inspect rebuilds
      // the state's choices from the sample without the marks the solver set (_eval/score.py), so it scores them I.
      for (const result of results.filter((item) => !/_(mgqa|mgfact|choice)/.test(item.log))) {
        const first = result.scores?.[0]?.metrics;
        expect(first?.accuracy ?? first?.mean, path.basename(result.log)).toBe(assayAccuracy.get(result.log));
      }
    });
  },
);
