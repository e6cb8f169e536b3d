import type { ReactNode } from 'react';
import type { EvalSample } from '@assay/core/log';
import { useLiveSampleEvents, useLog, useSample } from '../data/use-log.js';
import { formatValue, inputText } from '../data/sample-rows.js';
import { h } from '../h.js';
import { navigate, routeHash, type Route } from '../router.js';
import { formatSeconds, JsonBlock, Loading, ProblemBanner, Tabs } from './common.js';
import { Markdown } from './markdown.js';
import { MessagesView } from './messages-view.js';
import { TranscriptView } from './transcript-view.js';

/** The scores of a sample with answer and explanation. */
export function ScoringView(props: { sample: EvalSample }): ReactNode {
  const scores = Object.entries(props.sample.scores ?? {});
  return h(
    'div',
    { className: 'scoring' },
    h('div', { className: 'field' }, h('b', null, 'Target: '), Array.isArray(props.sample.target) ? props.sample.target.join(', ') : props.sample.target),
    scores.length === 0 ? h('p', { className: 'muted' }, 'Not scored.') : null,
    scores.map(([name, score]) =>
      h(
        'div',
        { key: name, className: 'score', 'data-scorer': name },
        h('h4', null, name, ': ', h('span', { className: 'score-value' }, formatValue(score.value))),
        score.answer ? h('div', { className: 'field' }, h('b', null, 'Answer: '), score.answer) : null,
        score.explanation ? h('div', { className: 'field explanation' }, h('b', null, 'Explanation'), h(Markdown, { text: score.explanation })) : null,
        score.metadata ? h(JsonBlock, { value: score.metadata }) : null,
      ),
    ),
  );
}

/** One sample: messages, transcript, scoring, metadata, usage, error and raw JSON, each a tab. */
export function SampleView(props: { route: Extract<Route, { view: 'sample' }> }): ReactNode {
  const { route } = props;
  const { log, error: logError } = useLog(route.log);
  // A sample of a running log that the log does not hold yet is shown from the live buffer until it does.
  const inLog = log?.summaries.some((summary) => String(summary.id) === route.id && summary.epoch === route.epoch) ?? false;
  const live = log !== undefined && !inLog && log.header?.status === 'started';
  const { sample, error } = useSample(live ? undefined : log, route.id, route.epoch);
  const liveEvents = useLiveSampleEvents({ log: route.log, id: route.id, epoch: route.epoch, enabled: live });
  const problems = [...(log?.problems ?? []), ...(logError ? [logError] : []), ...(error ? [error] : [])];
  const back = h('a', { className: 'back', href: routeHash({ view: 'log', log: route.log, tab: 'samples' }) }, `← ${route.log}`);
  const go = (changes: Partial<Extract<Route, { view: 'sample' }>>): void => {
    const next = { ...route, ...changes };
    if ((changes.tab && changes.tab !== 'transcript') || ('event' in changes && changes.event === undefined)) delete next.event;
    navigate(next);
  };
  if (live) {
    return h(
      'section',
      { className: 'sample-view live-sample' },
      back,
      h(ProblemBanner, { problems: [...problems, ...(liveEvents.error ? [liveEvents.error] : [])] }),
      h(
        'header',
        { className: 'sample-header' },
        h('h2', null, `Sample ${route.id}`, h('span', { className: 'muted' }, ` epoch ${route.epoch} `), h('span', { className: 'badge running' }, liveEvents.completed ? 'finishing' : 'running')),
        h('p', { className: 'muted live-note' }, liveEvents.completed ? 'Finished: the sample opens here once the log has it.' : 'Running: its events so far, refreshed as they come.'),
      ),
      h(TranscriptView, { events: liveEvents.events, ...(route.event !== undefined ? { selected: route.event } : {}), onSelect: (event) => go({ tab: 'transcript', event }) }),
    );
  }
  if (!sample) return h('section', { className: 'sample-view' }, back, h(ProblemBanner, { problems }), problems.length ? null : h(Loading, { what: `sample ${route.id}` }));
  const tabs = [
    { id: 'messages', label: `Messages (${sample.messages.length})` },
    { id: 'transcript', label: `Transcript (${sample.events.length})` },
    { id: 'scoring', label: 'Scoring' },
    { id: 'metadata', label: 'Metadata' },
    { id: 'usage', label: 'Usage' },
    ...(sample.error || sample.limit ? [{ id: 'error', label: sample.error ? 'Error' : 'Limit' }] : []),
    { id: 'json', label: 'JSON' },
  ];
  let body: ReactNode;
  switch (route.tab) {
    case 'transcript':
      body = h(TranscriptView, { events: sample.events, ...(route.event !== undefined ? { selected: route.event } : {}), onSelect: (event) => go({ event }) });
      break;
    case 'scoring':
      body = h(ScoringView, { sample });
      break;
    case 'metadata':
      body = h('div', { className: 'metadata' }, h('h4', null, 'Metadata'), h(JsonBlock, { value: sample.metadata }), h('h4', null, 'Store'), h(JsonBlock, { value: sample.store }));
      break;
    case 'usage':
      body = h(
        'div',
        { className: 'usage' },
        h('p', null, `Total time ${formatSeconds(sample.total_time ?? undefined)}, working time ${formatSeconds(sample.working_time ?? undefined)}`),
        h('h4', null, 'By model'),
        h(JsonBlock, { value: sample.model_usage }),
        h('h4', null, 'By role'),
        h(JsonBlock, { value: sample.role_usage }),
      );
      break;
    case 'error':
      body = h('div', { className: 'sample-error' }, sample.error ? h('pre', { className: 'problem' }, `${sample.error.message}\n\n${sample.error.traceback ?? ''}`) : null, sample.limit ? h(JsonBlock, { value: sample.limit }) : null);
      break;
    case 'json':
      body = h(JsonBlock, { value: sample, className: 'json raw-json' });
      break;
    default:
      body = h(MessagesView, { messages: sample.messages });
  }
  return h(
    'section',
    { className: 'sample-view' },
    back,
    h(ProblemBanner, { problems }),
    h(
      'header',
      { className: 'sample-header' },
      h('h2', null, `Sample ${String(sample.id)}`, h('span', { className: 'muted' }, ` epoch ${sample.epoch}`)),
      h('div', { className: 'sample-input' }, inputText(sample.input).slice(0, 500)),
      h(
        'div',
        { className: 'sample-scores' },
        Object.entries(sample.scores ?? {}).map(([name, score]) => h('span', { key: name, className: 'metric' }, `${name} `, h('b', null, formatValue(score.value)))),
      ),
    ),
    h(Tabs, { tabs, current: route.tab, onSelect: (tab) => go({ tab }) }),
    body,
  );
}
