// Synthetic logs for the viewer benchmark: many samples with realistic transcripts, or one sample with many events.
import { createEvalLogWriter } from '@assay/core';
import { evalSampleSchema, type EvalSampleInput } from '@assay/core/log';
import { realisticResults, realisticStart } from '../packages/core/test/log-fixtures.js';

const WORDS = (
  'the model answer tool call result file search read write test error value list number string function return ' +
  'agent plan step check output input shell command directory python code fix bug patch review score metric data ' +
  'sample task solver scorer grader token cache network request response server client user system assistant'
).split(' ');

/** A seeded pseudo-random text generator (the same file every time). */
function words(seed: number): (count: number) => string {
  let state = seed >>> 0 || 1;
  return (count) => {
    const out: string[] = [];
    for (let index = 0; index < count; index++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      out.push(WORDS[(state >>> 0) % WORDS.length]!);
    }
    return out.join(' ');
  };
}

const at = (seconds: number): string => new Date(Date.UTC(2026, 0, 2, 3, 4, 0) + seconds * 1000).toISOString().replace('Z', '+00:00');

/** One sample: a system prompt, a task, `turns` tool-using turns and an answer, with model/tool/state events and a score. */
export function benchSample(options: { id: number; turns?: number }): EvalSampleInput {
  const { id } = options;
  const turns = options.turns ?? 4;
  const text = words(id * 7919);
  const user = { role: 'user', content: `Task ${id}: ${text(60)}`, source: 'input' };
  const messages: Record<string, unknown>[] = [{ role: 'system', content: text(80) }, user];
  const events: Record<string, unknown>[] = [
    { event: 'sample_init', timestamp: at(0), working_start: 0, sample: { id, input: user.content, target: 'C' }, state: { messages: messages.slice() } },
    { event: 'span_begin', id: `solver-${id}`, name: 'agent', type: 'solver', timestamp: at(0), working_start: 0 },
  ];
  for (let turn = 0; turn < turns; turn++) {
    const call = { id: `call_${id}_${turn}`, function: turn % 2 ? 'bash' : 'python', arguments: { code: text(25) }, type: 'function' };
    const assistant = { role: 'assistant', content: text(40), tool_calls: [call], model: 'mockllm/model', source: 'generate' };
    const tool = { role: 'tool', content: text(90), tool_call_id: call.id, function: call.function };
    events.push({
      event: 'model',
      span_id: `solver-${id}`,
      timestamp: at(turn * 2 + 1),
      working_start: turn,
      model: 'mockllm/model',
      input: messages.slice(-2),
      tools: [],
      tool_choice: 'auto',
      config: {},
      output: { model: 'mockllm/model', choices: [{ message: assistant, stop_reason: 'tool_calls' }], completion: assistant.content, usage: { input_tokens: 400, output_tokens: 60, total_tokens: 460 } },
    });
    events.push({ event: 'tool', span_id: `solver-${id}`, timestamp: at(turn * 2 + 2), working_start: turn + 0.5, type: 'function', id: call.id, function: call.function, arguments: call.arguments, result: tool.content, events: [] });
    messages.push(assistant, tool);
  }
  const answer = { role: 'assistant', content: `ANSWER: ${id % 3 ? 'C' : 'I'} ${text(30)}`, model: 'mockllm/model', source: 'generate' };
  messages.push(answer);
  events.push({ event: 'span_end', id: `solver-${id}`, timestamp: at(turns * 2 + 3), working_start: turns + 1 });
  events.push({ event: 'score', timestamp: at(turns * 2 + 4), working_start: turns + 2, score: { value: id % 3 ? 'C' : 'I', answer: id % 3 ? 'C' : 'I', history: [] }, target: 'C', intermediate: false });
  const usage = { input_tokens: 400 * turns, output_tokens: 60 * turns, total_tokens: 460 * turns };
  return {
    id,
    epoch: 1,
    input: user.content,
    target: 'C',
    messages,
    output: { model: 'mockllm/model', choices: [{ message: answer, stop_reason: 'stop' }], completion: answer.content, usage },
    scores: { match: { value: id % 3 ? 'C' : 'I', answer: id % 3 ? 'C' : 'I', explanation: text(12), history: [] } },
    metadata: { category: ['exploit', 'benign', 'misc'][id % 3], difficulty: id % 5 },
    store: {},
    events,
    model_usage: { 'mockllm/model': usage },
    role_usage: {},
    started_at: at(0),
    completed_at: at(turns * 2 + 5),
    total_time: turns * 2 + 5,
    working_time: turns + 2,
    uuid: `uuid-${id}`,
    attachments: {},
  } as unknown as EvalSampleInput;
}

/** Writes a `.eval` log of `samples` bench samples. */
export async function writeBenchLog(options: { path: string; samples: number; turns?: number }): Promise<void> {
  const writer = createEvalLogWriter({ path: options.path });
  const start = realisticStart();
  await writer.start({ eval: { ...start.eval, task: 'viewer_bench' }, plan: start.plan });
  for (let id = 1; id <= options.samples; id++) await writer.writeSample(evalSampleSchema.parse(benchSample({ id, ...(options.turns ? { turns: options.turns } : {}) })));
  await writer.finish({ status: 'success', results: realisticResults(options.samples) });
}

/** Writes a `.eval` log with one sample of `events` events (model, tool, info and logger events in nested spans). */
export async function writeManyEventsLog(options: { path: string; events: number }): Promise<void> {
  const sample = benchSample({ id: 1, turns: 1 }) as { events: Record<string, unknown>[] };
  const text = words(42);
  const events: Record<string, unknown>[] = [];
  for (let index = 0; events.length < options.events; index++) {
    if (index % 100 === 0) events.push({ event: 'span_begin', id: `s${index}`, name: `step ${index / 100}`, type: 'solver', timestamp: at(index), working_start: index });
    const kind = index % 4;
    if (kind === 0) events.push({ event: 'info', source: 'bench', data: text(8), timestamp: at(index), working_start: index });
    else if (kind === 1) events.push({ event: 'logger', message: { level: 'info', message: text(10), created: 1767323046000 + index }, timestamp: at(index), working_start: index });
    else if (kind === 2) events.push({ event: 'tool', type: 'function', id: `c${index}`, function: 'bash', arguments: { cmd: text(5) }, result: text(12), events: [], timestamp: at(index), working_start: index });
    else events.push({ event: 'store', changes: [{ op: 'add', path: `/k${index}`, value: index }], timestamp: at(index), working_start: index });
    if (index % 100 === 99) events.push({ event: 'span_end', id: `s${index - 99}`, timestamp: at(index), working_start: index });
  }
  const writer = createEvalLogWriter({ path: options.path });
  const start = realisticStart();
  await writer.start({ eval: { ...start.eval, task: 'viewer_bench_events' }, plan: start.plan });
  await writer.writeSample(evalSampleSchema.parse({ ...(sample as EvalSampleInput), events: events.slice(0, options.events) }));
  await writer.finish({ status: 'success', results: realisticResults(1) });
}
