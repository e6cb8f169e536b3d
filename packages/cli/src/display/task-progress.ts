import type { EvalEvents } from '@assay/core';
import { stripTerminalControls } from '../strip-terminal-controls.js';

/** What the display knows of one running task × model. */
export interface TaskProgress {
  key: string;
  task: string;
  model: string;
  total: number;
  done: number;
  reused: number;
  errors: number;
  tokens: number;
  retries: number;
  startedAt: number;
  /**
   * Running mean of the first scorer's value, that scorer's name, and the metric the mean is: `accuracy` while
   * every value is correct/incorrect-like (C, I, P, N, booleans), else `mean`.
   */
  metric?: { name: string; sum: number; count: number; label: 'accuracy' | 'mean' };
  /** The first metric of the first scorer of the finished log, which replaces the running value. */
  final?: { scorer: string; metric: string; value: number };
  logPath: string;
  status?: string;
  lastError?: string;
}

type ValueToFloat = (value: unknown) => number;

/** Values whose mean is an accuracy, as Inspect's `value_to_float` reads them. */
function isCorrectLike(value: unknown): boolean {
  return typeof value === 'boolean' || (typeof value === 'string' && ['C', 'I', 'P', 'N'].includes(value.toUpperCase()));
}

function usageTokens(usage: unknown): number {
  let total = 0;
  for (const item of Object.values((usage ?? {}) as Record<string, { total_tokens?: number }>)) total += item.total_tokens ?? 0;
  return total;
}

/** Keeps a {@link TaskProgress} per task from run events; `onChange` is told of every change. */
export function trackProgress(options: {
  valueToFloat: ValueToFloat;
  onChange: (progress: TaskProgress, change: 'start' | 'sample' | 'error' | 'end') => void;
}): { tasks: Map<string, TaskProgress>; listeners: { [TEvent in keyof EvalEvents]?: (...args: EvalEvents[TEvent]) => void } } {
  const tasks = new Map<string, TaskProgress>();
  const listeners: { [TEvent in keyof EvalEvents]?: (...args: EvalEvents[TEvent]) => void } = {
    'task-start': (event) => {
      const progress: TaskProgress = {
        key: event.taskId,
        task: event.task,
        model: event.model,
        total: event.totalSamples,
        done: event.reusedSamples,
        reused: event.reusedSamples,
        errors: 0,
        tokens: 0,
        retries: 0,
        startedAt: Date.now(),
        logPath: event.logPath,
      };
      tasks.set(event.taskId, progress);
      options.onChange(progress, 'start');
    },
    'sample-end': (event) => {
      const progress = tasks.get(event.taskId);
      if (!progress) return;
      const sample = event.sample as unknown as {
        id: string | number;
        epoch: number;
        error?: { message?: string } | null;
        scores?: Record<string, { value: unknown }> | null;
        model_usage?: unknown;
        role_usage?: unknown;
      };
      progress.done += 1;
      progress.tokens += usageTokens(sample.model_usage) + usageTokens(sample.role_usage);
      const first = Object.entries(sample.scores ?? {})[0];
      if (first) {
        progress.metric ??= { name: first[0], sum: 0, count: 0, label: 'accuracy' };
        const value = options.valueToFloat(first[1].value);
        if (Number.isFinite(value)) {
          progress.metric.sum += value;
          progress.metric.count += 1;
          if (!isCorrectLike(first[1].value)) progress.metric.label = 'mean';
        }
      }
      if (sample.error) {
        progress.errors += 1;
        progress.lastError = `sample ${String(sample.id)} (epoch ${sample.epoch}): ${stripTerminalControls(sample.error.message ?? 'error')}`;
        options.onChange(progress, 'error');
      } else {
        options.onChange(progress, 'sample');
      }
    },
    'model-call-end': (event) => {
      const progress = tasks.get(event.taskId);
      if (progress && event.call.retries > 0) progress.retries += event.call.retries;
    },
    'task-end': (event) => {
      const progress = tasks.get(event.taskId);
      if (!progress) return;
      progress.status = event.log.status;
      const score = event.log.results?.scores[0];
      const metric = Object.entries(score?.metrics ?? {})[0];
      if (score && metric && typeof metric[1].value === 'number') {
        progress.final = { scorer: score.name, metric: metric[0], value: metric[1].value };
      }
      options.onChange(progress, 'end');
    },
  };
  return { tasks, listeners };
}

/** `m:ss` or `h:mm:ss`. */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/**
 * The figures of one progress line: done/total, elapsed, time left, tokens, retries, the running value labelled by
 * scorer and metric (`includes accuracy 0.812`), errors, and connections in use of the limit (when known) last, as
 * the least needed when a narrow terminal cuts the line.
 */
export function progressFigures(
  progress: TaskProgress,
  options: { now?: number; connections?: { inUse: number; limit: number } } = {},
): string {
  const now = options.now ?? Date.now();
  const elapsed = now - progress.startedAt;
  const ran = progress.done - progress.reused;
  const left = progress.total - progress.done;
  const eta = ran > 0 && left > 0 ? formatDuration((elapsed / ran) * left) : left === 0 ? '0:00' : '–';
  const running = progress.metric && progress.metric.count > 0 ? progress.metric : undefined;
  const metric = progress.final
    ? `  ${progress.final.scorer} ${progress.final.metric} ${progress.final.value.toFixed(3)}`
    : running
      ? `  ${running.name} ${running.label} ${(running.sum / running.count).toFixed(3)}`
      : '';
  const errors = progress.errors > 0 ? `  errors ${progress.errors}` : '';
  const connections = options.connections && options.connections.limit > 0 ? `  connections ${options.connections.inUse}/${options.connections.limit}` : '';
  return `${progress.done}/${progress.total}  ${formatDuration(elapsed)} elapsed  eta ${eta}  tokens ${progress.tokens.toLocaleString('en-US')}  retries ${progress.retries}${metric}${errors}${connections}`;
}
