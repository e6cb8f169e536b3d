import type { ChatMessageAssistant, GenerateConfig, Model, ModelOutput, ToolChoice } from '@assay/model/spec';
import { mergeGenerateConfig } from '@assay/model/spec';
import { executeToolCalls } from '../tools/execute-tool-calls.js';
import { LimitExceededError } from './limit-exceeded-error.js';
import type { Generate, TaskState } from './task-state.js';

/** Options for {@link createGenerate}. */
export interface CreateGenerateOptions {
  /** The model under evaluation. */
  model: Model;
  /** Config for every call; a call's own `config` is merged over it. */
  config?: GenerateConfig;
  /** Cancels model and tool calls. */
  signal?: AbortSignal;
}

/**
 * Creates the `generate` function given to solvers: it calls the model with the state's messages and tools, appends
 * the reply, and resolves tool calls (`loop`, `single` or `none`), enforcing the state's message and turn limits.
 * @example const generate = createGenerate({ model: getModel('mockllm/model') });
 */
export function createGenerate(options: CreateGenerateOptions): Generate {
  return async (state, callOptions = {}) => {
    const toolCalls = callOptions.toolCalls ?? 'loop';
    const config = mergeGenerateConfig(options.config, callOptions.config);
    let toolChoice: ToolChoice | undefined = state.toolChoice;
    for (;;) {
      checkMessageLimit(state, { raiseForEqual: true });
      checkTurnLimit(state);
      const output = await options.model.generate({
        input: [...state.messages],
        tools: state.tools.map((tool) => tool.info),
        toolChoice,
        config,
        signal: options.signal,
      });
      state.output = output;
      const message = assistantMessage(output);
      state.messages.push(message);
      if (state.completed) return state;

      if (toolCalls === 'none' || !message.tool_calls?.length) return state;
      const toolMessages = await executeToolCalls({
        message,
        tools: state.tools,
        signal: options.signal,
        store: state.store,
        maxOutput: config.maxToolOutput,
        messages: state.messages,
      });
      state.messages.push(...toolMessages);
      // Reaching the limit with tool results is allowed; the next model call is what would pass it.
      checkMessageLimit(state, { raiseForEqual: false });
      if (state.completed || toolCalls === 'single') return state;
      // A forced tool would be forced again on every round; after the first call the model chooses.
      if (typeof toolChoice === 'object') toolChoice = 'auto';
    }
  };
}

function assistantMessage(output: ModelOutput): ChatMessageAssistant {
  const message = output.choices[0]?.message ?? { role: 'assistant', content: output.completion, model: output.model };
  return { ...message, source: message.source ?? 'generate' };
}

/** Throws when the conversation is at (`raiseForEqual`) or past the state's message limit. */
function checkMessageLimit(state: TaskState, options: { raiseForEqual: boolean }): void {
  const limit = state.messageLimit;
  if (limit === undefined || limit === null) return;
  const count = state.messages.length;
  if (count > limit || (options.raiseForEqual && count === limit)) {
    throw new LimitExceededError({
      type: 'message',
      limit,
      value: count,
      message: `Message limit ${count === limit ? 'reached' : 'exceeded'}. count: ${count.toLocaleString('en-US')}; limit: ${limit.toLocaleString('en-US')}`,
    });
  }
}

/** Throws before a model call that would take the sample past its turn limit (assistant messages it generated). */
function checkTurnLimit(state: TaskState): void {
  const limit = state.turnLimit;
  if (limit === undefined || limit === null) return;
  const turns = state.messages.filter((message) => message.role === 'assistant' && message.source === 'generate').length;
  if (turns >= limit) {
    throw new LimitExceededError({
      type: 'turn',
      limit,
      value: turns,
      message: `Turn limit reached. count: ${turns.toLocaleString('en-US')}; limit: ${limit.toLocaleString('en-US')}`,
    });
  }
}
