import type { Transcript, TranscriptEvent } from '../events/transcript.js';
import { currentTranscript, withTranscript } from '../events/transcript.js';
import { isoNow } from './log-file-name.js';
import { randomUuid } from './random-uuid.js';

/** A transcript that collects a sample's events in memory until the sample is written. */
export interface SampleTranscript extends Transcript {
  readonly events: TranscriptEvent[];
  /** Seconds since the sample started. */
  elapsed(): number;
}

const spanIdKey = Symbol('spanId');

/** What is active while a span runs: the sample's transcript, marked with the span's id. */
interface SpanView extends Transcript {
  readonly [spanIdKey]: string;
}

/**
 * The id of the span the caller runs in. Spans nest through async calls by way of the active transcript, which inside
 * a span is a {@link SpanView}: a separate AsyncLocalStorage for spans would make every promise created anywhere carry
 * one more store, and samples create dozens of promises each.
 */
function activeSpan(): string | undefined {
  return (currentTranscript() as Partial<SpanView> | undefined)?.[spanIdKey];
}

/** Creates the transcript of one sample; spans nest through async calls. */
export function createSampleTranscript(): SampleTranscript {
  const events: TranscriptEvent[] = [];
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  const record = (event: TranscriptEvent): void => {
    const spanId = activeSpan();
    const timestamp = isoNow();
    const header =
      spanId === undefined
        ? { timestamp, working_start: elapsed(), uuid: randomUuid() }
        : { timestamp, working_start: elapsed(), uuid: randomUuid(), span_id: spanId };
    events.push(Object.assign(header, event));
  };
  const span: Transcript['span'] = (options, fn) => {
    const id = randomUuid();
    const parent = activeSpan();
    record({ event: 'span_begin', id, name: options.name, type: options.type ?? null, parent_id: parent ?? null });
    // Recorded from the caller's async context, so `span_end` belongs to the parent span as `span_begin` does.
    const end = (): void => record({ event: 'span_end', id });
    const view: SpanView = { record, span, [spanIdKey]: id };
    let running;
    try {
      running = withTranscript(view, fn);
    } catch (error) {
      end();
      return Promise.reject(error);
    }
    // Chained rather than awaited in an async function: one promise per span instead of three.
    return Promise.resolve(running).then(
      (value) => {
        end();
        return value;
      },
      (error: unknown) => {
        end();
        throw error;
      },
    );
  };
  return { events, elapsed, record, span };
}
