import type { ChatMessage, ChatMessageAssistant, ChatMessageTool, Content, ToolCall, ToolCallError } from '@assay/model/spec';
import { approveToolCall } from '../approval/approve-tool-call.js';
import { ToolApprovalError } from '../approval/tool-approval-error.js';
import { currentTranscript } from '../events/transcript.js';
import { sandbox } from '../sandbox/sandbox.js';
import { sandboxLimits } from '../sandbox/sandbox-environment.js';
import { SandboxError } from '../sandbox/sandbox-error.js';
import { LimitExceededError } from '../solver/limit-exceeded-error.js';
import type { Store } from '../solver/store.js';
import type { Tool, ToolResult } from './tool.js';
import { ToolArgumentsError } from './tool-arguments-error.js';
import { ToolError } from './tool-error.js';
import { defaultMaxToolOutput, truncateToolOutput } from './truncate-tool-output.js';

/** Options for {@link executeToolCalls}. */
export interface ExecuteToolCallsOptions {
  /** The assistant message whose `tool_calls` to run. */
  message: ChatMessageAssistant;
  tools: readonly Tool[];
  /** Cancels the calls; tools pass it to `exec`, so their commands are killed with it. */
  signal?: AbortSignal;
  /** The sample's store, given to tools as `context.store`. */
  store?: Store;
  /** Largest tool result, in UTF-8 bytes, passed to the model; longer results are truncated. @default 16384 */
  maxOutput?: number;
  /** The conversation so far, shown to approvers when an approval policy is active. */
  messages?: readonly ChatMessage[];
}

/**
 * Runs the tool calls of an assistant message concurrently and returns one `tool` message per call, in call order.
 * Failures become the message's `error` for the model to read; a `tool` event is recorded per call.
 * @example state.messages.push(...(await executeToolCalls({ message: state.output.choices[0].message, tools: state.tools })));
 */
export async function executeToolCalls(options: ExecuteToolCallsOptions): Promise<ChatMessageTool[]> {
  const calls = options.message.tool_calls ?? [];
  const transcript = currentTranscript();
  // Each call is a `tool` span holding what the tool did (an agent run by `asTool`, its model calls) and its event.
  const results = await Promise.all(
    calls.map((call) => {
      const run = async (): Promise<ToolCallOutcome> => {
        const outcome = await executeToolCall(call, options);
        transcript?.record(outcome.event);
        return outcome;
      };
      return transcript ? transcript.span({ name: call.function, type: 'tool' }, run) : run();
    }),
  );
  return results.map(({ message }) => message);
}

interface ToolCallOutcome {
  message: ChatMessageTool;
  event: { event: 'tool' } & Record<string, unknown>;
}

async function executeToolCall(call: ToolCall, options: ExecuteToolCallsOptions): Promise<ToolCallOutcome> {
  const timestamp = new Date();
  const started = performance.now();
  let result: ToolResult = '';
  let error: ToolCallError | undefined;
  try {
    if (call.parse_error) throw new ToolCallParsingError(call.parse_error);
    const tool = options.tools.find((candidate) => candidate.info.name === call.function);
    if (!tool) throw new ToolCallParsingError(`Tool ${call.function} not found`);
    // Approval runs first: a call that is not approved never reaches the tool.
    const approved = await approveToolCall({ call, message: options.message, history: options.messages ?? [] });
    result = await tool.execute(approved.arguments, { signal: options.signal, store: options.store, sandbox });
  } catch (thrown) {
    error = toolCallError(thrown, options.signal);
    // As Inspect: what an over-long command printed before the limit (its end) is still shown to the model.
    if (thrown instanceof SandboxError && thrown.code === 'sandbox_output_limit') result = thrown.truncatedOutput ?? '';
  }

  let content = resultContent(result);
  let truncated: [number, number] | undefined;
  if (typeof content === 'string') {
    const cut = truncateToolOutput({
      toolName: call.function,
      output: content,
      maxOutput: options.maxOutput ?? defaultMaxToolOutput,
    });
    if (cut) {
      content = cut.output;
      truncated = [cut.rawBytes, cut.truncatedBytes];
    }
  }

  const message: ChatMessageTool = {
    role: 'tool',
    content,
    tool_call_id: call.id,
    function: call.function,
    ...(error ? { error } : {}),
  };
  const event = {
    event: 'tool' as const,
    type: 'function',
    id: call.id,
    function: call.function,
    arguments: call.arguments,
    result: content,
    ...(truncated ? { truncated } : {}),
    ...(error ? { error } : {}),
    timestamp: timestamp.toISOString(),
    completed: new Date().toISOString(),
    working_time: (performance.now() - started) / 1000,
    events: [],
  };
  return { message, event };
}

class ToolCallParsingError extends Error {}

/**
 * Maps what a tool threw to the error the model reads, as Inspect does: a `ToolError`, bad arguments, a timeout,
 * file-system errors (permission, not found, is a directory), sandbox errors the model can act on, and output limits
 * are told to the model. Anything else is a bug in the tool or a broken sandbox and is rethrown, like limits and
 * cancellation, to end the sample with an error.
 */
function toolCallError(thrown: unknown, signal: AbortSignal | undefined): ToolCallError {
  if (thrown instanceof LimitExceededError) throw thrown;
  if (signal?.aborted) throw thrown;
  if (thrown instanceof ToolArgumentsError || thrown instanceof ToolCallParsingError) {
    return { type: 'parsing', message: thrown.message };
  }
  if (thrown instanceof SandboxError) return sandboxToolCallError(thrown);
  const error = thrown instanceof Error ? (thrown as Error & { code?: unknown; path?: unknown }) : undefined;
  const message = error ? error.message : String(thrown);
  const path = typeof error?.path === 'string' ? error.path : undefined;
  if (error?.name === 'TimeoutError' || error?.code === 'ETIMEDOUT') {
    return { type: 'timeout', message: 'Command timed out before completing.' };
  }
  switch (error?.code) {
    case 'EACCES':
    case 'EPERM':
      return { type: 'permission', message };
    case 'ENOENT':
      return { type: 'file_not_found', message: path ? `File '${path}' was not found.` : message };
    case 'EISDIR':
      return { type: 'is_a_directory', message };
  }
  if (thrown instanceof ToolApprovalError) return { type: 'approval', message };
  if (thrown instanceof ToolError) return { type: 'unknown', message };
  throw thrown;
}

/** The `ToolCallError` of a sandbox failure the model can act on (architecture/sandbox.md, "Tools"); others end the sample. */
function sandboxToolCallError(error: SandboxError): ToolCallError {
  switch (error.code) {
    case 'sandbox_timeout':
      return { type: 'timeout', message: 'Command timed out before completing.' };
    case 'sandbox_permission_denied':
      return { type: 'permission', message: error.message };
    case 'sandbox_file_not_found':
      return { type: 'file_not_found', message: error.path ? `File '${error.path}' was not found.` : error.message };
    case 'sandbox_is_a_directory':
      return { type: 'is_a_directory', message: error.message };
    case 'sandbox_decode':
      return { type: 'unicode_decode', message: `Error decoding bytes to utf-8: ${error.message}` };
    case 'sandbox_output_limit': {
      // An exec's output carries its end; a file read over the read limit does not.
      const limit = error.truncatedOutput === undefined ? sandboxLimits.maxReadFileSize : sandboxLimits.maxExecOutputSize;
      return { type: 'limit', message: `The tool exceeded its output limit of ${limit / (1024 * 1024)} MiB.` };
    }
    default:
      throw error;
  }
}

/** Content part types and the field each must carry to count as content rather than data. */
const contentFields: Readonly<Record<string, string>> = {
  text: 'text',
  image: 'image',
  audio: 'audio',
  video: 'video',
  document: 'document',
};

function isContent(item: unknown): item is Content {
  if (typeof item !== 'object' || item === null) return false;
  const field = contentFields[String((item as { type?: unknown }).type)];
  return field !== undefined && typeof (item as Record<string, unknown>)[field] === 'string';
}

/** Text for the model: strings as is, other values JSON-encoded; a list of content parts is passed through. */
function resultContent(result: ToolResult): string | Content[] {
  if (typeof result === 'string') return result;
  if (typeof result === 'number' || typeof result === 'boolean') return String(result);
  if (Array.isArray(result) && result.length > 0 && result.every(isContent)) return result as Content[];
  return JSON.stringify(result) ?? '';
}
