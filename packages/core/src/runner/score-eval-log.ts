import path from 'node:path';
import type { Model } from '@assay/model';
import type { DatasetSample } from '../dataset/index.js';
import { createEvalLogWriter } from '../log/node/eval-log-writer.js';
import { readEvalLogSamples } from '../log/node/read-eval-log.js';
import { logFormatFromPath } from '../log/log-format.js';
import type { EvalLog, EvalSample } from '../log/schema/index.js';
import type { Score } from '../log/schema/score.js';
import { scoreReducer } from '../metrics/index.js';
import type { Scorer } from '../scorer/scorer.js';
import { scorersFromLog } from '../scorer/scorers-from-log.js';
import { createTaskState } from '../solver/create-task-state.js';
import { createStore } from '../solver/store.js';
import { withActiveModels, type ActiveModels } from '../model/active-model.js';
import { isoNow, logFileName, shortId } from './log-file-name.js';
import { readLogHeader } from './read-log-header.js';
import { modelsFromLog } from './models-from-log.js';
import { toRunModel } from './to-run-model.js';
import { createScoreAccumulator } from './score-accumulator.js';
import { scorerInfo } from './scorer-info.js';

/** Options of {@link scoreEvalLog}. */
export interface ScoreEvalLogOptions {
  /** The log to score again (it is not changed). */
  log: string;
  /** The scorers to run. @default the built-in scorers the log records, rebuilt with their recorded options */
  scorers?: readonly Scorer[];
  /** Keep the log's scores and add these (`append`), or replace them (`overwrite`). @default "append" */
  action?: 'append' | 'overwrite';
  /** Where the new log goes. @default a new log file beside `log` */
  output?: string;
  /** The model scorers use when they name none and no role applies. @default the log's model, with its args and config */
  model?: string | Model;
  /** Role models for scorers (`grader`), over those the log records. @default the log's `model_roles` */
  modelRoles?: Record<string, string | Model>;
}

/**
 * Scores the samples of an existing log with other scorers and writes the result to a new log, recomputing metrics
 * (Inspect's `inspect score`). Samples that errored are copied unscored.
 * @example await scoreEvalLog({ log: 'logs/run.eval', scorers: [match()] });
 */
export async function scoreEvalLog(options: ScoreEvalLogOptions): Promise<EvalLog> {
  const { log: header, recovered } = await readLogHeader({ path: options.log });
  const action = options.action ?? 'append';
  const format = logFormatFromPath(options.output ?? options.log);
  const output =
    options.output ??
    path.join(path.dirname(options.log), logFileName({ task: header.eval.task, taskId: shortId(), created: isoNow(), format }));
  const scorers = options.scorers ?? scorersFromLog(header.eval.scorers ?? []);
  const newNames = new Set(scorers.map((scorer) => scorer.name));
  const keptScorers = action === 'append' ? (header.eval.scorers ?? []).filter((scorer) => !newNames.has(scorer.name)) : [];
  // Model-graded scorers call the log's models, or those given.
  const recorded = modelsFromLog(header.eval);
  const models: ActiveModels = {
    model: options.model ? toRunModel({ value: options.model }) : recorded.model,
    roles: {
      ...recorded.roles,
      ...Object.fromEntries(Object.entries(options.modelRoles ?? {}).map(([role, value]) => [role, toRunModel({ value, role })])),
    },
  };
  // Models given explicitly are loaded now (a missing API key fails before the new log starts); the log's own models
  // only when a scorer calls them, so that rescoring with `match` needs no key for the model that was evaluated.
  const given = [...(options.model ? [models.model] : []), ...Object.keys(options.modelRoles ?? {}).map((role) => models.roles[role]!)];
  await Promise.all(given.map((model) => model.load?.()));
  const writer = createEvalLogWriter({ path: output, format });
  await writer.start({
    eval: { ...header.eval, scorers: [...keptScorers, ...scorers.map(scorerInfo)] } as EvalLog['eval'],
    plan: header.plan ?? {},
  });
  const config = header.eval.config as { epochs_reducer?: string[] | null; epochs?: number | null };
  const scoring = createScoreAccumulator({
    scorers,
    reducers: (config.epochs_reducer ?? ['mean']).map((name) => scoreReducer(name)),
    // Without a recorded epoch count, each sample is reduced at the end over the epochs it has.
    epochs: config.epochs ?? Number.POSITIVE_INFINITY,
  });
  let total = 0;
  let completed = 0;
  try {
    for await (const sample of readEvalLogSamples({ path: options.log, ...(recovered ? { recover: true } : {}) })) {
      total++;
      if (sample.error) {
        await writer.writeSample(sample);
        continue;
      }
      const state = createTaskState({
        model: header.eval.model,
        sample: { id: sample.id, input: sample.input, target: sample.target, choices: sample.choices ?? undefined } as DatasetSample,
        epoch: sample.epoch,
      });
      state.messages = sample.messages;
      state.output = sample.output;
      state.metadata = { ...sample.metadata };
      state.store = createStore(sample.store);
      const fresh: Record<string, Score> = {};
      await withActiveModels(models, async () => {
        for (const scorer of scorers) fresh[scorer.name] = await scorer.score(state, state.target);
      });
      const scores = action === 'append' ? { ...(sample.scores ?? {}), ...fresh } : fresh;
      await writer.writeSample({ ...sample, scores } as EvalSample);
      scoring.add({ id: sample.id, epoch: sample.epoch, scores: fresh, metadata: sample.metadata });
      completed++;
    }
  } catch (error) {
    await writer.close().catch(() => undefined);
    throw error;
  }
  const { results, reductions } = scoring.summarise({ totalSamples: header.results?.total_samples ?? total, completed });
  const keptScores = action === 'append' ? (header.results?.scores ?? []).filter((score) => !newNames.has(score.name)) : [];
  const keptReductions = action === 'append' ? (header.reductions ?? []).filter((item) => !newNames.has(item.scorer)) : [];
  const finished = await writer.finish({
    status: header.status,
    results: { ...results, scores: [...keptScores, ...(results.scores ?? [])] },
    ...(header.stats ? { stats: header.stats } : {}),
    error: header.error ?? null,
    reductions: [...keptReductions, ...reductions.values()],
  });
  return { ...finished, location: output };
}
