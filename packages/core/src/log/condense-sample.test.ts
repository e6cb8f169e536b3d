// Condensed samples are checked field by field as raw JSON, so they are typed loosely.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasShared, inspectLogsDir, unzipIndependently, parseIndependently } from '../../test/log-fixtures.js';
import { condenseSample } from './condense-sample.js';
import { expandMessagePools } from './expand-message-pools.js';
import { mm3Hash } from './mm3-hash.js';
import { iterateEvalLogJsonSamples } from './parse-eval-log-json.js';
import { parseEvalSample } from './parse-eval-sample.js';
import { resolveAttachments } from './resolve-attachments.js';
import { evalSampleSchema, type EvalSample } from './schema/eval-sample.js';

const timestamp = '2026-01-01T00:00:00+00:00';
const long = (label: string): string => `${label}: ${'long tool output '.repeat(10)}`;
const image = `data:image/png;base64,${'iVBORw0KGgo'.repeat(4)}`;

function restore(sample: EvalSample): EvalSample {
  return expandMessagePools(resolveAttachments(sample));
}

function modelEvent(input: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { event: 'model', timestamp, model: 'mockllm/model', input, output: { model: 'm', choices: [], completion: '' }, ...extra };
}

describe('condenseSample', () => {
  const system = { id: 's', role: 'system', content: 'Use tools.' };
  const user = { id: 'u', role: 'user', content: [{ type: 'text', text: 'Look at this' }, { type: 'image', image }] };
  const assistant = { id: 'a', role: 'assistant', content: '', tool_calls: [{ id: 'c1', function: 'ls', arguments: {} }] };
  const tool = { id: 't', role: 'tool', content: long('ls'), tool_call_id: 'c1' };
  const sample = evalSampleSchema.parse({
    id: 1,
    epoch: 1,
    input: [user],
    messages: [system, user, assistant, tool],
    events: [
      modelEvent([system, user], { call: { request: { model: 'm', messages: [{ role: 'user', content: 'x' }] } } }),
      { event: 'tool', timestamp, id: 'c1', function: 'ls', arguments: { path: long('path') }, result: long('ls') },
      // copies rather than the same objects: pooled by content
      modelEvent(structuredClone([system, user, assistant, tool]), {
        call: { request: { model: 'm', messages: [{ role: 'user', content: 'x' }, { role: 'tool', content: 'y' }] } },
      }),
    ],
  });

  it('pools model inputs and raw request messages, each distinct message once', () => {
    const condensed = condenseSample(sample) as any;
    expect(condensed.events_data.messages.map((message: any) => message.id)).toEqual(['s', 'u', 'a', 't']);
    expect(condensed.events[0]).toMatchObject({ input: [], input_refs: [[0, 2]] });
    expect(condensed.events[2]).toMatchObject({ input: [], input_refs: [[0, 4]] });
    expect(condensed.events[0].call).toEqual({ request: { model: 'm' }, call_refs: [[0, 1]], call_key: 'messages' });
    expect(condensed.events[2].call).toEqual({ request: { model: 'm' }, call_refs: [[0, 2]], call_key: 'messages' });
    expect(condensed.events_data.calls).toEqual([{ role: 'user', content: 'x' }, { role: 'tool', content: 'y' }]);
  });

  it('moves event strings over 100 characters and message images to attachments, keyed by mm3', () => {
    const condensed = condenseSample(sample) as any;
    const toolHash = mm3Hash(long('ls'));
    const imageHash = mm3Hash(image);
    expect(condensed.attachments).toEqual({ [toolHash]: long('ls'), [mm3Hash(long('path'))]: long('path'), [imageHash]: image });
    expect(condensed.events_data.messages[3].content).toBe(`attachment://${toolHash}`);
    expect(condensed.events[1].arguments.path).toBe(`attachment://${mm3Hash(long('path'))}`);
    // Inspect does not walk a tool event's result, and keeps long text inline in sample.messages (images aside)
    expect(condensed.events[1].result).toBe(long('ls'));
    expect(condensed.messages[3].content).toBe(long('ls'));
    expect(condensed.messages[1].content[1].image).toBe(`attachment://${imageHash}`);
    expect(condensed.input[0].content[1].image).toBe(`attachment://${imageHash}`);
    // exactly 100 characters stays inline; 101 (in code points, as Python counts) moves
    const edge = condenseSample(
      evalSampleSchema.parse({ id: 2, epoch: 1, input: 'x', events: [{ event: 'info', timestamp, data: ['x'.repeat(100), '💡'.repeat(100), 'y'.repeat(101)] }] }),
    ) as any;
    expect(edge.events[0].data.slice(0, 2)).toEqual(['x'.repeat(100), '💡'.repeat(100)]);
    expect(edge.events[0].data[2]).toBe(`attachment://${mm3Hash('y'.repeat(101))}`);
  });

  it('round-trips through resolveAttachments and expandMessagePools, and leaves its argument alone', () => {
    const before = structuredClone(sample);
    expect(restore(condenseSample(sample))).toEqual(sample);
    expect(sample).toEqual(before);
    // condensing a condensed sample keeps its pools and attachments and changes nothing
    const once = condenseSample(sample);
    expect(condenseSample(once)).toEqual(once);
  });

  it('keeps messages that differ only by id apart, so ids survive', () => {
    const first = { id: 'one', role: 'user', content: 'again' };
    const second = { id: 'two', role: 'user', content: 'again' };
    const twice = evalSampleSchema.parse({ id: 3, epoch: 1, input: 'x', events: [modelEvent([first]), modelEvent([first, second])] });
    const condensed = condenseSample(twice) as any;
    expect(condensed.events_data.messages).toHaveLength(2);
    expect(restore(condensed)).toEqual(twice);
  });

  it('round-trips generated samples', () => {
    const random = seededRandom(15);
    for (let index = 0; index < 300; index++) {
      const generated = evalSampleSchema.parse(generateSample(random, index));
      const condensed = condenseSample(generated);
      expect(restore(condensed)).toEqual(generated);
      // and as written: through JSON and the reader
      const reread = parseEvalSample({ value: JSON.parse(JSON.stringify(condensed)) });
      expect(reread).toEqual(JSON.parse(JSON.stringify(generated)));
    }
  });
});

describe.runIf(hasShared)('condenseSample on Inspect fixture logs', () => {
  function fixtureSamples(): Array<{ name: string; stored: any }> {
    const out: Array<{ name: string; stored: any }> = [];
    for (const file of readdirSync(inspectLogsDir)) {
      const path = resolve(inspectLogsDir, file);
      if (file.endsWith('.json')) {
        const log = parseIndependently(readFileSync(path, 'utf8'));
        for (const stored of log.samples ?? []) out.push({ name: `${file} ${stored.id}`, stored });
      } else if (file.endsWith('.eval')) {
        for (const [member, text] of unzipIndependently(readFileSync(path))) {
          if (member.startsWith('samples/')) out.push({ name: `${file} ${member}`, stored: parseIndependently(text) });
        }
      }
    }
    return out;
  }

  it('round-trips every sample of every fixture', () => {
    const samples = fixtureSamples();
    expect(samples.length).toBeGreaterThan(5);
    for (const { name, stored } of samples) {
      const resolved = parseEvalSample({ value: stored });
      expect(restore(condenseSample(resolved)), name).toEqual(resolved);
    }
  });

  it('writes what Inspect 0.3.239 wrote for ais-decoder.eval: the same pools, refs and attachments', () => {
    const { stored } = fixtureSamples().find((item) => item.name.startsWith('ais-decoder.eval'))!;
    const condensed = condenseSample(parseEvalSample({ value: stored })) as any;
    const asStored = evalSampleSchema.parse(stored) as any;
    expect(condensed.events_data.messages).toHaveLength(asStored.events_data.messages.length);
    expect(condensed.events_data.calls).toHaveLength(asStored.events_data.calls.length);
    const refs = (sample: any) => sample.events.filter((event: any) => event.event === 'model').map((event: any) => [event.input_refs, event.call?.call_refs ?? null, event.call?.call_key ?? null]);
    expect(refs(condensed)).toEqual(refs(asStored));
    expect(Object.keys(condensed.attachments).sort()).toEqual(Object.keys(asStored.attachments).sort());
    expect(condensed.events_data).toEqual(asStored.events_data);
    expect(condensed.events).toEqual(asStored.events);
  });
});

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function generateSample(random: () => number, index: number): Record<string, unknown> {
  const pick = <TItem>(items: readonly TItem[]): TItem => items[Math.floor(random() * items.length)]!;
  const text = (): string =>
    pick([
      'ok',
      '',
      'héllo 💡',
      'x'.repeat(100),
      'y'.repeat(101),
      '💡'.repeat(60),
      `${pick(['a', 'b', 'c'])} ${'words '.repeat(30)}`,
      image,
      'attachment://not-a-known-hash',
      'data:text/plain;base64,aGk=',
    ]);
  const json = (depth: number): unknown =>
    depth > 2 || random() < 0.4 ? pick([text(), 1, 0.5, true, null]) : random() < 0.5 ? [json(depth + 1), json(depth + 1)] : { a: json(depth + 1), b: json(depth + 1) };
  let ids = 0;
  const message = (): Record<string, unknown> => {
    const id = random() < 0.8 ? `m${ids++}` : undefined;
    const content =
      random() < 0.6
        ? text()
        : [
            { type: 'text', text: text() },
            ...(random() < 0.3 ? [{ type: 'image', image: text() }] : []),
            ...(random() < 0.3 ? [{ type: 'reasoning', reasoning: text(), signature: text() }] : []),
          ];
    const role = pick(['system', 'user', 'assistant', 'tool'] as const);
    return {
      ...(id ? { id } : {}),
      role,
      content,
      ...(role === 'assistant' && random() < 0.5 ? { tool_calls: [{ id: 'c', function: 'f', arguments: { value: json(0) }, view: { format: 'text', content: text() } }] } : {}),
      ...(role === 'tool' ? { tool_call_id: 'c' } : {}),
    };
  };
  const conversation: Record<string, unknown>[] = [];
  const events: unknown[] = [{ event: 'sample_init', timestamp, sample: { input: text(), target: '' }, state: { messages: json(0) } }];
  const requestMessages: unknown[] = [];
  for (let turn = 0; turn < 1 + Math.floor(random() * 6); turn++) {
    conversation.push(message());
    // sometimes the same message object again, sometimes an equal copy, sometimes a copy that differs only by id
    if (random() < 0.2) conversation.push(pick([conversation.at(-1)!, structuredClone(conversation.at(-1)!), { ...conversation.at(-1)!, id: `copy${turn}` }]));
    requestMessages.push(random() < 0.5 ? { role: 'user', content: text() } : pick(requestMessages.length ? requestMessages : [{ role: 'user', content: text() }]));
    const key = pick(['messages', 'contents', 'input', 'inputs']);
    events.push(
      modelEvent(random() < 0.5 ? [...conversation] : structuredClone(conversation), {
        tools: [{ name: 'f', description: text(), parameters: { type: 'object', properties: {} } }],
        output: { model: 'm', choices: [{ message: { role: 'assistant', content: text() }, stop_reason: 'stop' }], completion: '' },
        ...(random() < 0.7 ? { call: { request: { model: 'm', [key]: structuredClone(requestMessages) }, response: { text: text() } } } : {}),
      }),
      pick([
        { event: 'tool', timestamp, id: 'c', function: 'f', arguments: { value: json(0) }, result: text(), events: [modelEvent([message()])] },
        { event: 'state', timestamp, changes: [{ op: 'add', path: '/x', value: json(0) }] },
        { event: 'store', timestamp, changes: [{ op: 'replace', path: '/y', value: json(0), replaced: text() }] },
        { event: 'info', timestamp, data: json(0) },
        { event: 'subtask', timestamp, name: 'sub', input: {}, result: null, events: [modelEvent([message()])] },
        { event: 'span_begin', timestamp, id: 's', name: text() },
      ]),
    );
  }
  return {
    id: index,
    epoch: 1,
    input: random() < 0.5 ? text() : [conversation[0]],
    messages: conversation,
    metadata: { note: text() },
    events,
    ...(random() < 0.3 ? { error_retries: [{ message: 'm', traceback: '', traceback_ansi: '', events: [modelEvent([message()])] }] } : {}),
    ...(random() < 0.2 ? { error_retries: null } : {}),
  };
}

// The reader keeps giving back what the writer was given, for a sample read from a `.json` log too.
describe('condensed samples in a .json log', () => {
  it('are read back resolved', () => {
    const generated = evalSampleSchema.parse(generateSample(seededRandom(7), 0));
    const text = JSON.stringify({ version: 2, status: 'success', eval: {}, samples: [condenseSample(generated)] });
    const [read] = [...iterateEvalLogJsonSamples({ text })];
    expect(read).toEqual(JSON.parse(JSON.stringify(generated)));
  });
});
