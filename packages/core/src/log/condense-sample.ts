import { mm3Hash } from './mm3-hash.js';
import { ATTACHMENT_PROTOCOL } from './resolve-attachments.js';
import type { EvalSample } from './schema/eval-sample.js';
import { createContentWalker, isRecord, update } from './walk-sample-content.js';

/** Strings in events longer than this many characters are moved to `attachments` (Inspect's threshold). */
export const ATTACHMENT_THRESHOLD = 100;

// Where a provider's raw request keeps its messages, in the order Inspect looks for them.
const CALL_MESSAGE_KEYS = ['messages', 'contents', 'input', 'inputs'] as const;
const DATA_URI = /^data:[^,]*;base64,/;

type Range = [number, number];

/**
 * Condenses a finished sample the way Inspect writes it: strings of more than 100 characters in its events, and
 * base64 data URIs (images) anywhere in its messages, move to `attachments` as `attachment://<mm3 hash>`; the
 * input messages of its model events move to a per-sample pool (`events_data.messages`, referenced by
 * `input_refs` ranges), and the messages of each raw provider request to a call pool (`events_data.calls`,
 * referenced by `call.call_refs` at `call.call_key`). Each distinct message is stored once, so a transcript of N
 * turns takes O(N) space rather than O(N²). {@link resolveAttachments} then {@link expandMessagePools} undo it.
 */
export function condenseSample(sample: EvalSample): EvalSample {
  // The writer may pass a sample it did not validate, with defaulted fields absent.
  const existing: Readonly<Record<string, string>> = sample.attachments ?? {};
  const attachments: Record<string, string> = { ...existing };
  // Existing attachments whose references were rewritten: dropped at the end unless still referenced.
  const rewritten = new Set<string>();

  function attach(text: string): string {
    const hash = mm3Hash(text);
    attachments[hash] = text;
    return ATTACHMENT_PROTOCOL + hash;
  }
  // A reference to an existing attachment is judged by the attachment's text, as if the sample were resolved.
  function contentFunction(options: { policy: (text: string) => string; keeps: (text: string) => boolean }): (text: string) => string {
    const { policy, keeps } = options;
    const done = new Map<string, string>();
    return (text) => {
      // Most strings are short plain text: kept without a lookup.
      if (keeps(text) && !text.startsWith(ATTACHMENT_PROTOCOL)) return text;
      let result = done.get(text);
      if (result !== undefined) return result;
      const hash = text.startsWith(ATTACHMENT_PROTOCOL) ? text.slice(ATTACHMENT_PROTOCOL.length) : undefined;
      if (hash !== undefined && Object.hasOwn(existing, hash)) {
        result = policy(existing[hash]!);
        if (result !== text) rewritten.add(hash);
      } else {
        result = policy(text);
      }
      done.set(text, result);
      return result;
    };
  }
  const inEvents = createContentWalker(
    contentFunction({ policy: (text) => (isLong(text) ? attach(text) : text), keeps: (text) => text.length <= ATTACHMENT_THRESHOLD }),
  );
  const inMessages = createContentWalker(
    contentFunction({ policy: (text) => (DATA_URI.test(text) ? attach(text) : text), keeps: (text) => !text.startsWith('data:') }),
  );

  const pools = sample.events_data;
  const messages = createPool(inEvents.messages(pools?.messages ?? []));
  const calls = createPool(pools ? (inEvents.json(pools.calls) as unknown[]) : []);
  const events = (sample.events ?? []).map(inEvents.event).map((event) => poolModelEvent(event, messages, calls));
  const retries = sample.error_retries
    ? sample.error_retries.map((retry) => (Array.isArray(retry.events) ? update(retry, { events: inEvents.events(retry.events) }) : retry))
    : sample.error_retries;

  const eventsData = messages.items.length > 0 || calls.items.length > 0 || pools ? { ...pools, messages: messages.items, calls: calls.items } : undefined;
  // Each existing field keeps its place; the fields Inspect adds go at the end. (Object.assign rather than a spread:
  // this runs for every sample written; architecture/log-sink.md, "A hidden class per object".)
  const condensed = Object.assign(
    {},
    sample,
    Object.hasOwn(sample, 'input') ? { input: Array.isArray(sample.input) ? inMessages.messages(sample.input) : sample.input } : {},
    Array.isArray(sample.messages) ? { messages: inMessages.messages(sample.messages) } : {},
    Object.hasOwn(sample, 'events') ? { events } : {},
    retries ? { error_retries: retries } : {},
    { attachments },
    eventsData ? { events_data: eventsData } : {},
  ) as EvalSample;
  if (rewritten.size > 0) {
    const referenced = attachmentReferences({ ...condensed, attachments: {} });
    for (const hash of rewritten) if (!referenced.has(hash)) delete attachments[hash];
  }
  return condensed;
}

/** Items stored once each, found by their JSON (and, for speed, by object identity). */
interface Pool {
  items: unknown[];
  indexOf(item: unknown): number;
}

function createPool(initial: unknown[]): Pool {
  const items = [...initial];
  const byJson = new Map<string, number>();
  items.forEach((item, index) => {
    const key = JSON.stringify(item);
    if (!byJson.has(key)) byJson.set(key, index);
  });
  const byIdentity = new WeakMap<object, number>();
  return {
    items,
    indexOf(item) {
      const known = isRecord(item) ? byIdentity.get(item) : undefined;
      if (known !== undefined) return known;
      // Keyed by the whole message, `id` included (Inspect leaves `id` out): messages that differ only by id stay
      // apart, so reading a condensed sample gives back exactly the sample that was written.
      const key = JSON.stringify(item);
      let index = byJson.get(key);
      if (index === undefined) {
        index = items.push(item) - 1;
        byJson.set(key, index);
      }
      if (isRecord(item)) byIdentity.set(item, index);
      return index;
    },
  };
}

/** Moves a top-level model event's input to the message pool and its raw request's messages to the call pool. */
function poolModelEvent(event: unknown, messages: Pool, calls: Pool): unknown {
  if (!isRecord(event) || event.event !== 'model') return event;
  let pooled = event;
  const input = event.input;
  const alreadyPooled = event.input_refs != null && Array.isArray(input) && input.length === 0;
  if (!alreadyPooled && Array.isArray(input) && input.length > 0) {
    // Object.assign rather than a spread on the per-event path (architecture/log-sink.md, "A hidden class per object").
    pooled = Object.assign({}, pooled, { input: [], input_refs: toRanges(input.map((message) => messages.indexOf(message))) });
  }
  const call = event.call;
  if (isRecord(call) && call.call_refs == null && isRecord(call.request)) {
    const request = call.request;
    const key = CALL_MESSAGE_KEYS.find((candidate) => Object.hasOwn(request, candidate));
    const items = key === undefined ? undefined : request[key];
    if (key !== undefined && Array.isArray(items) && items.length > 0) {
      const refs = toRanges(items.map((item) => calls.indexOf(item)));
      const remaining = { ...request };
      delete remaining[key];
      pooled = { ...pooled, call: { ...call, request: remaining, call_refs: refs, call_key: key } };
    }
  }
  return pooled;
}

/** Runs of consecutive indices as `[start, end)` ranges: `[0,1,2,5]` → `[[0,3],[5,6]]`. */
function toRanges(indices: readonly number[]): Range[] {
  const ranges: Range[] = [];
  for (const index of indices) {
    const last = ranges.at(-1);
    if (last && last[1] === index) last[1] = index + 1;
    else ranges.push([index, index + 1]);
  }
  return ranges;
}

/** Whether `text` has more than {@link ATTACHMENT_THRESHOLD} characters, counted as Python counts them (code points). */
function isLong(text: string): boolean {
  if (text.length <= ATTACHMENT_THRESHOLD) return false;
  if (text.length > 2 * ATTACHMENT_THRESHOLD) return true;
  let pairs = 0;
  for (let index = 0; index < text.length - 1; index++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs++;
        index++;
      }
    }
  }
  return text.length - pairs > ATTACHMENT_THRESHOLD;
}

function attachmentReferences(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (value.startsWith(ATTACHMENT_PROTOCOL)) found.add(value.slice(ATTACHMENT_PROTOCOL.length));
  } else if (Array.isArray(value)) {
    for (const item of value) attachmentReferences(item, found);
  } else if (isRecord(value)) {
    for (const item of Object.values(value)) attachmentReferences(item, found);
  }
  return found;
}
