import type { ReactNode } from 'react';
import type { LiveSample } from '@assay/core/log';
import { inputText } from '../data/sample-rows.js';
import { h } from '../h.js';
import { routeHash } from '../router.js';
import { formatDate } from './common.js';

/** The samples in flight of a running log (those running for over a second), each a link to its events so far. */
export function LiveSampleList(props: { log: string; samples: readonly LiveSample[] }): ReactNode {
  return h(
    'div',
    { className: 'live-samples' },
    h('h4', null, `In flight (${props.samples.length})`),
    props.samples.length === 0
      ? h('p', { className: 'muted' }, 'No sample has been running for over a second.')
      : props.samples.map((sample) =>
          h(
            'a',
            {
              key: `${String(sample.id)}:${sample.epoch}`,
              className: 'live-sample-row',
              'data-sample-id': String(sample.id),
              'data-epoch': sample.epoch,
              href: routeHash({ view: 'sample', log: props.log, id: String(sample.id), epoch: sample.epoch, tab: 'transcript' }),
            },
            h('span', { className: `badge ${sample.completed ? 'success' : 'running'}` }, sample.completed ? 'finishing' : 'running'),
            h('span', { className: 'cell c-id' }, String(sample.id)),
            h('span', { className: 'cell c-epoch' }, `epoch ${sample.epoch}`),
            h('span', { className: 'cell c-text' }, inputText(sample.input)),
            h('span', { className: 'cell live-event-count' }, `${sample.event_count} events`),
            h('span', { className: 'cell muted' }, sample.started_at ? `since ${formatDate(sample.started_at)}` : ''),
          ),
        ),
  );
}
