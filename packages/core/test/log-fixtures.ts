// Raw JSON read from disk is checked field by field against what Assay reads, so it is typed loosely.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { inflateSync } from 'fflate';
import { decompress } from 'fzstd';
import JSON5 from 'json5';
import { evalSampleSchema, type EvalPlanInput, type EvalResultsInput, type EvalSample, type EvalSpecInput } from '../src/log/index.js';

/** The monorepo root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The shared folder beside the repo (published schema, Inspect's logs); absent in some checkouts. */
export const sharedDir = resolve(repoRoot, '../shared');
export const hasShared = existsSync(resolve(sharedDir, 'schemas/inspect-log-schema.json'));
export const inspectLogsDir = resolve(sharedDir, 'fixtures/inspect-logs');

/** A validator for the published EvalLog schema (Inspect's OpenAPI document, refs rewritten to $defs). */
export function publishedLogValidator(): (value: unknown) => string[] {
  const document = JSON.parse(readFileSync(resolve(sharedDir, 'schemas/inspect-log-schema.json'), 'utf8')) as {
    components: { schemas: Record<string, unknown> };
  };
  const defs = JSON.parse(JSON.stringify(document.components.schemas).replaceAll('#/components/schemas/', '#/$defs/')) as Record<string, unknown>;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile({ $defs: defs, $ref: '#/$defs/EvalLog' });
  return (value) => {
    if (validate(value)) return [];
    return (validate.errors ?? []).slice(0, 20).map((error) => `${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
  };
}

/** Reads every member of a zip independently of Assay's reader (stored, DEFLATE, zstd). */
export function unzipIndependently(bytes: Uint8Array): Map<string, string> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buffer.readUInt16LE(eocd + 10);
  let position = buffer.readUInt32LE(eocd + 16);
  const members = new Map<string, string>();
  for (let index = 0; index < count; index++) {
    const method = buffer.readUInt16LE(position + 10);
    const size = buffer.readUInt32LE(position + 20);
    const nameLength = buffer.readUInt16LE(position + 28);
    const extraLength = buffer.readUInt16LE(position + 30);
    const commentLength = buffer.readUInt16LE(position + 32);
    const local = buffer.readUInt32LE(position + 42);
    const name = buffer.toString('utf8', position + 46, position + 46 + nameLength);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = new Uint8Array(buffer.subarray(start, start + size));
    const raw = method === 8 ? inflateSync(data) : method === 93 ? decompress(data) : data;
    members.set(name, Buffer.from(raw).toString('utf8'));
    position += 46 + nameLength + extraLength + commentLength;
  }
  return members;
}

/** Parses JSON with NaN/Infinity using JSON5 (independent of Assay's parser). */
export function parseIndependently(text: string): any {
  return JSON5.parse(text);
}

/** A realistic finished sample built by hand: model, tool, store, state, span and score events, and a NaN score. */
export function realisticSample(options: { id: number | string; epoch?: number }): EvalSample {
  const { id } = options;
  const epoch = options.epoch ?? 1;
  const at = (seconds: number): string => new Date(Date.UTC(2026, 0, 2, 3, 4, seconds)).toISOString().replace('Z', '+00:00');
  const toolCall = { id: `call_${id}`, function: 'add', arguments: { a: 1, b: 2 }, type: 'function' };
  const user = { id: `m1-${id}`, role: 'user', content: `What is 1 + 2? (${id})`, source: 'input' };
  const assistantCall = { id: `m2-${id}`, role: 'assistant', content: '', tool_calls: [toolCall], model: 'mockllm/model', source: 'generate' };
  const tool = { id: `m3-${id}`, role: 'tool', content: '3', tool_call_id: toolCall.id, function: 'add' };
  const assistant = { id: `m4-${id}`, role: 'assistant', content: [{ type: 'text', text: 'ANSWER: 3' }], model: 'mockllm/model', source: 'generate' };
  const usage = { input_tokens: 20, output_tokens: 5, total_tokens: 25 };
  const output = {
    model: 'mockllm/model',
    choices: [{ message: assistant, stop_reason: 'stop' }],
    completion: 'ANSWER: 3',
    usage,
    time: 0.5,
  };
  const base = (seconds: number, span?: string): Record<string, unknown> => ({
    uuid: `ev-${id}-${epoch}-${seconds}`,
    ...(span ? { span_id: span } : {}),
    timestamp: at(seconds),
    working_start: seconds / 10,
  });
  return evalSampleSchema.parse({
    id,
    epoch,
    input: user.content,
    target: '3',
    messages: [user, assistantCall, tool, assistant],
    output,
    scores: {
      match: { value: 'C', answer: '3', explanation: 'ANSWER: 3', history: [] },
      model_graded: { value: Number.NaN, explanation: 'grader refused', history: [] },
    },
    metadata: { difficulty: 'easy', tags: ['math'] },
    store: { attempts: 1 },
    events: [
      { ...base(0), event: 'sample_init', sample: { input: user.content, target: '3', id }, state: { messages: [user] } },
      { ...base(1), event: 'span_begin', id: `solver-${id}`, name: 'generate', type: 'solver' },
      {
        ...base(2, `solver-${id}`),
        event: 'model',
        model: 'mockllm/model',
        input: [user],
        tools: [{ name: 'add', description: 'Add two numbers', parameters: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] } }],
        tool_choice: 'auto',
        config: { max_tokens: 100 },
        output: { ...output, choices: [{ message: assistantCall, stop_reason: 'tool_calls' }], completion: '' },
        call: { request: { model: 'mock', messages: [{ role: 'user', content: user.content }] }, response: { id: 'r1' }, time: 0.4 },
        completed: at(3),
        working_time: 0.4,
      },
      { ...base(3, `solver-${id}`), event: 'tool', type: 'function', id: toolCall.id, function: 'add', arguments: { a: 1, b: 2 }, result: '3', events: [], completed: at(4), working_time: 0.01 },
      { ...base(4, `solver-${id}`), event: 'store', changes: [{ op: 'add', path: '/attempts', value: 1, replaced: null }] },
      { ...base(4, `solver-${id}`), event: 'state', changes: [{ op: 'add', path: '/messages/1', value: assistantCall, replaced: null }] },
      { ...base(5, `solver-${id}`), event: 'model', model: 'mockllm/model', input: [user, assistantCall, tool], tools: [], tool_choice: 'none', config: {}, output },
      { ...base(6, `solver-${id}`), event: 'info', source: 'test', data: { note: 'hello' } },
      { ...base(6, `solver-${id}`), event: 'logger', message: { level: 'info', message: 'solver done', created: 1767323046000, filename: 'solver.ts', module: 'solver', lineno: 1 } },
      { ...base(7), event: 'span_end', id: `solver-${id}` },
      { ...base(8), event: 'score', score: { value: 'C', answer: '3', history: [] }, target: '3', intermediate: false },
    ],
    model_usage: { 'mockllm/model': usage },
    role_usage: {},
    started_at: at(0),
    completed_at: at(9),
    total_time: 9,
    working_time: 0.9,
    uuid: `uuid-${id}-${epoch}`,
    attachments: {},
  });
}

/** The spec and plan of a realistic eval, built by hand. */
export function realisticStart(): { eval: EvalSpecInput; plan: EvalPlanInput } {
  return {
    eval: {
      eval_id: 'evalid123',
      run_id: 'runid123',
      created: '2026-01-02T03:04:00+00:00',
      task: 'addition',
      task_id: 'taskid123',
      task_version: 0,
      task_file: 'examples/addition/task.ts',
      task_registry_name: 'addition',
      task_attribs: {},
      task_args: { level: 1 },
      task_args_passed: { level: 1 },
      solver: null,
      dataset: { name: 'addition', location: 'memory', samples: 2, sample_ids: [1, 2], shuffled: false },
      model: 'mockllm/model',
      model_generate_config: { max_tokens: 100 },
      model_args: {},
      config: { epochs: 1, epochs_reducer: ['mean'], fail_on_error: true, log_samples: true },
      packages: { '@assay/core': '0.1.0' },
      scorers: [{ name: 'match', options: {}, metrics: [{ name: 'accuracy', options: {} }], metadata: {} }],
    },
    plan: { name: 'plan', steps: [{ solver: 'generate', params: {}, params_passed: {} }], config: {} },
  };
}

/** Results matching {@link realisticSample}s. */
export function realisticResults(total: number): EvalResultsInput {
  return {
    total_samples: total,
    completed_samples: total,
    scores: [
      { name: 'match', scorer: 'match', params: {}, scored_samples: total, unscored_samples: 0, metrics: { accuracy: { name: 'accuracy', value: 1, params: {} } } },
      { name: 'model_graded', scorer: 'model_graded', params: {}, scored_samples: 0, unscored_samples: total, metrics: { accuracy: { name: 'accuracy', value: Number.NaN, params: {} } } },
    ],
  };
}

/** Parses a value from disk text with Inspect's NaN tokens (for raw checks of what a writer wrote). */
export function readTextFile(path: string): string {
  return readFileSync(path, 'utf8');
}

/** A test title that says why it is skipped when ../shared is missing. */
export function needsShared(title: string): string {
  return hasShared ? `${title} (needs ../shared)` : `${title} (needs ../shared; skipped: not found at ${sharedDir})`;
}
