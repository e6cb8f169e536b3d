import type { ChatMessageAssistant } from '@assay/model/spec';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withLocalSandbox } from '../../test/local-sandbox-fixture.js';
import { withTranscript, type Transcript, type TranscriptEvent } from '../events/transcript.js';
import { SandboxError, type SandboxErrorCode } from '../sandbox/sandbox-error.js';
import { LimitExceededError } from '../solver/limit-exceeded-error.js';
import { createStore } from '../solver/store.js';
import { bash } from './bash.js';
import { defineTool } from './define-tool.js';
import { executeToolCalls } from './execute-tool-calls.js';
import { python } from './python.js';
import { textEditor } from './text-editor.js';
import { think } from './think.js';
import { ToolError } from './tool-error.js';

const divide = defineTool({
  name: 'divide',
  description: 'Divides x by y.',
  parameters: z.object({ x: z.number(), y: z.number() }),
  execute: ({ x, y }) => {
    if (y === 0) throw new ToolError('Cannot divide by zero.');
    return x / y;
  },
});
const readFile = defineTool({
  name: 'read_file',
  description: 'Reads a file.',
  parameters: z.object({ path: z.string() }),
  execute: ({ path }) => {
    throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT', path });
  },
});
const echo = defineTool({
  name: 'echo',
  description: 'Echoes.',
  parameters: z.object({ text: z.string() }),
  execute: ({ text }) => text,
});
const limited = defineTool({
  name: 'limited',
  description: 'Hits a limit.',
  parameters: z.object({}),
  execute: () => {
    throw new LimitExceededError({ type: 'custom', limit: 1, value: 2 });
  },
});
const tools = [divide, readFile, echo, limited];

function assistant(...calls: Array<[string, Record<string, unknown>]>): ChatMessageAssistant {
  return {
    role: 'assistant',
    content: '',
    tool_calls: calls.map(([name, args], index) => ({ id: `call-${index + 1}`, function: name, arguments: args, type: 'function' })),
  };
}

function recordingTranscript(): Transcript & { events: TranscriptEvent[] } {
  const events: TranscriptEvent[] = [];
  return { events, record: (event) => void events.push(event), span: (_options, fn) => fn() };
}

describe('executeToolCalls', () => {
  it('returns one tool message per call, in order', async () => {
    const messages = await executeToolCalls({ message: assistant(['divide', { x: 6, y: 3 }], ['echo', { text: 'hi' }]), tools });
    expect(messages).toEqual([
      { role: 'tool', content: '2', tool_call_id: 'call-1', function: 'divide' },
      { role: 'tool', content: 'hi', tool_call_id: 'call-2', function: 'echo' },
    ]);
  });

  it('turns failures into errors the model can read', async () => {
    const messages = await executeToolCalls({
      message: assistant(['divide', { x: 1, y: 0 }], ['nope', {}], ['divide', { x: 'one' }], ['read_file', { path: '/missing.txt' }]),
      tools,
    });
    expect(messages.map((message) => message.error)).toEqual([
      { type: 'unknown', message: 'Cannot divide by zero.' },
      { type: 'parsing', message: 'Tool nope not found' },
      {
        type: 'parsing',
        message: [
          'Found 2 validation error(s) parsing arguments for tool "divide":',
          '- x: Invalid input: expected number, received string',
          '- y: Invalid input: expected number, received undefined',
        ].join('\n'),
      },
      { type: 'file_not_found', message: "File '/missing.txt' was not found." },
    ]);
    expect(messages[0]).toMatchObject({ role: 'tool', content: '', tool_call_id: 'call-1', function: 'divide' });
  });

  it('reports a parse error of the call itself', async () => {
    const message = assistant(['echo', {}]);
    message.tool_calls![0]!.parse_error = 'Invalid JSON in arguments';
    const [result] = await executeToolCalls({ message, tools });
    expect(result?.error).toEqual({ type: 'parsing', message: 'Invalid JSON in arguments' });
  });

  it('lets an unexpected error (a bug in the tool) end the sample, as Inspect does', async () => {
    const buggy = defineTool({
      name: 'buggy',
      description: 'Fails with a plain error.',
      parameters: z.object({}),
      execute: () => {
        throw new TypeError('Cannot read properties of undefined');
      },
    });
    await expect(executeToolCalls({ message: assistant(['buggy', {}]), tools: [buggy] })).rejects.toThrow(
      'Cannot read properties of undefined',
    );
  });

  it('lets limit errors end the sample', async () => {
    await expect(executeToolCalls({ message: assistant(['limited', {}]), tools })).rejects.toBeInstanceOf(LimitExceededError);
  });

  it('truncates long output and says so', async () => {
    const [result] = await executeToolCalls({ message: assistant(['echo', { text: 'x'.repeat(50) }]), tools, maxOutput: 10 });
    expect(result?.content).toBe(
      'The output of your call to echo was too long to be displayed.\nHere is a truncated version:\n<START_TOOL_OUTPUT>\nxxxxxxxxxx\n<END_TOOL_OUTPUT>',
    );
  });

  it('records a tool event per call on the current transcript', async () => {
    const transcript = recordingTranscript();
    await withTranscript(transcript, () =>
      executeToolCalls({ message: assistant(['divide', { x: 1, y: 4 }], ['divide', { x: 1, y: 0 }]), tools }),
    );
    expect(transcript.events).toHaveLength(2);
    const [first, second] = transcript.events;
    expect(first).toMatchObject({
      event: 'tool',
      type: 'function',
      id: 'call-1',
      function: 'divide',
      arguments: { x: 1, y: 4 },
      result: '0.25',
      events: [],
    });
    expect(first).not.toHaveProperty('error');
    expect(typeof first?.timestamp).toBe('string');
    expect(typeof first?.completed).toBe('string');
    expect(first?.working_time).toBeGreaterThanOrEqual(0);
    expect(second).toMatchObject({ id: 'call-2', result: '', error: { type: 'unknown', message: 'Cannot divide by zero.' } });
  });

  it('runs sandboxed tools of a scripted assistant message in the sample sandbox, with the sample context', async () => {
    await withLocalSandbox(async () => {
      const store = createStore();
      const seen = defineTool({
        name: 'context',
        description: 'Reports its context.',
        parameters: z.object({}),
        execute: async (_args, context) => {
          context.store?.set('seen', true);
          return (await context.sandbox!().exec(['cat', 'notes.txt'])).stdout;
        },
      });
      const message = assistant(
        ['text_editor', { command: 'create', path: 'notes.txt', file_text: 'secret: 42' }],
        ['think', { thought: 'Next I read the file.' }],
      );
      const sandboxTools = [bash(), python(), textEditor(), think(), seen];
      const [created, thought] = await executeToolCalls({ message, tools: sandboxTools, store });
      expect(created?.content).toMatch(/^File created successfully at: .*\/notes\.txt$/);
      expect(thought).toEqual({ role: 'tool', content: '', tool_call_id: 'call-2', function: 'think' });
      const results = await executeToolCalls({
        message: assistant(
          ['bash', { command: 'grep -o "[0-9]*" notes.txt' }],
          ['python', { code: 'print(open("notes.txt").read().upper())' }],
          ['context', {}],
        ),
        tools: sandboxTools,
        store,
      });
      expect(results.map((result) => result.content)).toEqual(['42\n', 'SECRET: 42\n', 'secret: 42']);
      expect(store.get('seen')).toBe(true);
    });
  });

  it("tells the model the sandbox errors it can act on, as Inspect's tool errors", async () => {
    const failing = (code: SandboxErrorCode, extra: { path?: string; truncatedOutput?: string } = {}) =>
      defineTool({
        name: code,
        description: 'Fails.',
        parameters: z.object({}),
        execute: () => {
          throw new SandboxError({ code, message: `${code} happened.`, ...extra });
        },
      });
    const tools = [
      failing('sandbox_timeout'),
      failing('sandbox_permission_denied', { path: '/root/flag' }),
      failing('sandbox_file_not_found', { path: '/missing.txt' }),
      failing('sandbox_is_a_directory', { path: '/etc' }),
      failing('sandbox_decode', { path: 'a.bin' }),
      failing('sandbox_output_limit', { truncatedOutput: '...the end' }),
      failing('sandbox_unavailable'),
      failing('sandbox_not_provided'),
    ];
    const messages = await executeToolCalls({ message: assistant(...tools.slice(0, 6).map((tool) => [tool.info.name, {}] as [string, Record<string, unknown>])), tools });
    expect(messages.map((message) => message.error)).toEqual([
      { type: 'timeout', message: 'Command timed out before completing.' },
      { type: 'permission', message: 'sandbox_permission_denied happened.' },
      { type: 'file_not_found', message: "File '/missing.txt' was not found." },
      { type: 'is_a_directory', message: 'sandbox_is_a_directory happened.' },
      { type: 'unicode_decode', message: 'Error decoding bytes to utf-8: sandbox_decode happened.' },
      { type: 'limit', message: 'The tool exceeded its output limit of 10 MiB.' },
    ]);
    expect(messages[5]?.content).toBe('...the end');
    await expect(executeToolCalls({ message: assistant(['sandbox_unavailable', {}]), tools })).rejects.toMatchObject({
      code: 'sandbox_unavailable',
    });
    await expect(executeToolCalls({ message: assistant(['bash', { command: 'ls' }]), tools: [bash()] })).rejects.toMatchObject({
      code: 'sandbox_not_provided',
    });
  });
});
