import type { ReactNode } from 'react';
import type { EvalLog } from '@assay/core/log';
import { formatValue } from '../data/sample-rows.js';
import { h } from '../h.js';
import { formatDate } from './common.js';

/** Task, model, status and the metrics of every scorer. */
export function LogHeader(props: { name: string; header: EvalLog | undefined; sampleCount: number }): ReactNode {
  const { header } = props;
  if (!header) return h('header', { className: 'log-header' }, h('h2', null, props.name));
  const status = header.status;
  return h(
    'header',
    { className: 'log-header' },
    h(
      'div',
      { className: 'title-line' },
      h('h2', { className: 'task-name' }, header.eval.task),
      h('span', { className: 'model-name' }, header.eval.model),
      h('span', { className: `badge ${status === 'started' ? 'running' : status}` }, status === 'started' ? 'running' : status),
      status === 'started' ? h(RunProgress, { done: props.sampleCount, total: totalSamples(header) }) : null,
      h('span', { className: 'muted' }, `${props.sampleCount} samples · ${formatDate(header.stats.started_at || header.eval.created)} · ${props.name}`),
    ),
    h(
      'div',
      { className: 'metrics' },
      (header.results?.scores ?? []).map((score, index) =>
        h(
          'div',
          { key: `${score.name}-${index}`, className: 'scorer-metrics', 'data-scorer': score.name },
          h('span', { className: 'scorer-name' }, score.reducer ? `${score.name} (${score.reducer})` : score.name),
          Object.values(score.metrics).map((metric) => h('span', { key: metric.name, className: 'metric' }, `${metric.name} `, h('b', null, formatValue(metric.value)))),
        ),
      ),
    ),
    header.error ? h('div', { className: 'problem' }, `Eval error: ${header.error.message}`) : null,
  );
}

/** Samples × epochs the eval runs, from its spec (0 when the spec does not say). */
export function totalSamples(header: EvalLog): number {
  return (header.eval.dataset.samples ?? 0) * (header.eval.config.epochs ?? 1);
}

/** A running log's progress: samples written out of the total. */
function RunProgress(props: { done: number; total: number }): ReactNode {
  const { done, total } = props;
  return h(
    'span',
    { className: 'run-progress' },
    total > 0 ? h('progress', { max: total, value: Math.min(done, total) }) : null,
    h('span', { className: 'progress-text' }, total > 0 ? `${done} / ${total} samples done` : `${done} samples done`),
  );
}
