import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { parseSampleFilter } from '../data/filter-samples.js';
import { buildMessageIndex } from '../data/message-index.js';
import { toSampleRows } from '../data/sample-rows.js';
import { usePendingSamples, useLog } from '../data/use-log.js';
import { sampleKey } from '../data/open-log.js';
import { h } from '../h.js';
import { navigate, type Route } from '../router.js';
import { JsonBlock, Loading, ProblemBanner, Tabs } from './common.js';
import { LogHeader } from './log-header.js';
import { LogInfo } from './log-info.js';
import { preloadViews } from './lazy-views.js';
import { LiveSampleList } from './live-sample-list.js';
import { SampleList } from './sample-list.js';

/** A log: its header with metrics, and tabs for samples, task info and raw JSON. */
export function LogView(props: { route: Extract<Route, { view: 'log' }> }): ReactNode {
  const { route } = props;
  const { log, error, revision } = useLog(route.log);
  const [filterText, setFilterText] = useState(route.filter ?? '');
  const [searchText, setSearchText] = useState(route.search ?? '');
  const [searchMessages, setSearchMessages] = useState(false);
  const [indexProgress, setIndexProgress] = useState<{ read: number; total: number } | undefined>(undefined);
  const [indexReady, setIndexReady] = useState(0);
  const rows = useMemo(() => (log ? toSampleRows(log.summaries) : []), [log, revision]);
  const running = log !== undefined && log.header?.status === 'started';
  const pending = usePendingSamples(route.log, running);
  // Samples in flight, and finished ones the log has not got yet.
  const inFlight = useMemo(() => {
    const written = new Set(log?.summaries.map(sampleKey));
    return pending.filter((sample) => !written.has(sampleKey(sample)));
  }, [pending, log, revision]);
  const scorers = useMemo(() => [...new Set(rows.flatMap((row) => Object.keys(row.scores)))], [rows]);
  const filter = useMemo(() => parseSampleFilter(filterText), [filterText]);
  const messageIndex = useMemo(() => {
    if (!log || !searchMessages) return undefined;
    const built = buildMessageIndex(log, (read, total) => setIndexProgress({ read, total }));
    void built.done.then(() => setIndexReady((count) => count + 1));
    return built.index;
  }, [log, searchMessages]);
  const visible = useMemo(() => {
    const needle = searchText.trim().toLowerCase();
    if ('error' in filter && !needle) return rows;
    return rows.filter((row) => {
      if ('test' in filter && !filter.test(row)) return false;
      if (!needle) return true;
      return row.text.includes(needle) || (messageIndex?.get(row.key)?.includes(needle) ?? false);
    });
  }, [rows, filter, searchText, messageIndex, indexReady, indexProgress]);
  useEffect(() => {
    // Once the sample list is up, fetch the sample screen's code so opening a sample does not wait for it.
    if (log) setTimeout(() => void preloadViews().catch(() => undefined), 50);
  }, [log]);
  useEffect(() => {
    const timer = setTimeout(() => {
      if (filterText !== (route.filter ?? '') || searchText !== (route.search ?? '')) {
        navigate({ ...route, filter: filterText, search: searchText }, { replace: true });
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [filterText, searchText, route]);

  if (error) return h(ProblemBanner, { problems: [`${route.log}: ${error.startsWith(route.log) ? error.slice(route.log.length).replace(/^[:\s]+/, '') : error}`] });
  if (!log) return h(Loading, { what: route.log });
  const tabs = [
    { id: 'samples', label: `Samples (${rows.length})` },
    { id: 'info', label: 'Info' },
    { id: 'json', label: 'JSON' },
  ];
  let body: ReactNode;
  if (route.tab === 'info') body = log.header ? h(LogInfo, { header: log.header }) : h('p', null, 'No header to show.');
  else if (route.tab === 'json') body = h(JsonBlock, { value: log.header ?? null, className: 'json raw-json' });
  else {
    body = h(
      'div',
      { className: 'samples-tab' },
      h(
        'div',
        { className: 'toolbar' },
        h('input', {
          type: 'search',
          className: 'sample-filter',
          placeholder: 'Filter: score.match = "C", metadata.category = "exploit", error, tokens > 100 …',
          value: filterText,
          onChange: (event: { target: { value: string } }) => setFilterText(event.target.value),
        }),
        h('input', {
          type: 'search',
          className: 'sample-search',
          placeholder: 'Search text',
          value: searchText,
          onChange: (event: { target: { value: string } }) => setSearchText(event.target.value),
        }),
        h(
          'label',
          { className: 'search-messages' },
          h('input', { type: 'checkbox', checked: searchMessages, onChange: () => setSearchMessages((value) => !value) }),
          ' in messages',
          indexProgress && indexProgress.read < indexProgress.total ? ` (reading ${indexProgress.read}/${indexProgress.total})` : '',
        ),
        h('span', { className: 'count sample-count' }, `${visible.length} of ${rows.length} samples`),
      ),
      running ? h(LiveSampleList, { log: route.log, samples: inFlight }) : null,
      'error' in filter ? h('div', { className: 'problem filter-error' }, filter.error) : null,
      h(SampleList, { log: route.log, rows: visible, scorers }),
    );
  }
  return h(
    'section',
    { className: 'log-view' },
    h(ProblemBanner, { problems: log.problems }),
    h(LogHeader, { name: route.log, header: log.header, sampleCount: rows.length }),
    h(Tabs, { tabs, current: route.tab, onSelect: (tab) => navigate({ view: 'log', log: route.log, tab: tab as 'samples' | 'info' | 'json' }) }),
    body,
  );
}
