import type { ChatMessage, ChatMessageAssistant, Model, ModelOutput } from '@assay/model/spec';
import { messageText } from '@assay/model/spec';
import { z } from 'zod';
import { currentTranscript } from '../events/transcript.js';
import { checkActiveLimits } from '../limits/apply-limits.js';
import { valueToFloat } from '../metrics/value-to-float.js';
import { resolveModel } from '../model/active-model.js';
import { sampleContext } from '../runner/sample-context.js';
import { LimitExceededError } from '../solver/limit-exceeded-error.js';
import { recordedArgs } from '../solver/recorded-args.js';
import { defineTool } from '../tools/define-tool.js';
import type { Tool } from '../tools/tool.js';
import type { Agent, AgentState } from './agent.js';
import { createAgent } from './define-agent.js';
import { executeTools } from './execute-tools.js';
import { hasHandoff } from './handoff.js';
import { score } from './score.js';
import type { MessageFilter } from './message-filter.js';
import {
  type AgentAttempts,
  type AgentContinue,
  type AgentPrompt,
  type AgentSubmit,
  defaultAssistantPrompt,
  defaultContinuePrompt,
  defaultContinuePromptNoSubmit,
  defaultHandoffPrompt,
  defaultIncorrectMessage,
  defaultSubmitPrompt,
} from './react-types.js';
import { trimMessages } from './trim-messages.js';

/** Options of {@link react}. */
export interface ReactOptions {
  /** Agent name (for handoffs and `asTool`). @default "react" */
  name?: string;
  /** What the agent does (for handoffs and `asTool`). */
  description?: string;
  /** The system message: instructions as a string, or its parts; `null` for none. @default the default parts */
  prompt?: string | AgentPrompt | null;
  tools?: readonly Tool[];
  /** The model, or an agent called with `{ tools }` in its place. @default the model under evaluation */
  model?: string | Model | Agent;
  /** Submissions allowed, judged by the task's first scorer. @default 1 */
  attempts?: number | AgentAttempts;
  /** The submit tool; `false` for none (the agent stops when the model calls no tool). @default true */
  submit?: boolean | AgentSubmit;
  /** Message when the model calls no tool (`{submit}` is the submit tool's name), or a function deciding. */
  onContinue?: string | AgentContinue;
  /** On a context-window overflow: stop (`disabled`), trim the conversation (`auto`), or filter it. @default "disabled" */
  truncation?: 'auto' | 'disabled' | MessageFilter;
}

/**
 * Inspect's ReAct agent: calls the model with the tools in a loop until it submits an answer with the `submit()` tool
 * (the answer becomes the output's completion), urging it on when it stops calling tools, and judging submissions
 * with the task's scorer when several attempts are allowed.
 * @example task({ dataset, solver: asSolver(react({ prompt: 'Find the flag.', tools: [bash()] })), scorer: includes() })
 */
export function react(options: ReactOptions = {}): Agent {
  const tools = [...(options.tools ?? [])];
  const submitOptions = options.submit === false ? undefined : options.submit === true || options.submit === undefined ? {} : options.submit;
  if (!submitOptions && typeof options.onContinue === 'string') {
    throw new TypeError(
      'react: onContinue cannot be a string without a submit tool: the agent always stops when the model calls no tool.',
    );
  }
  const submitTool = submitOptions ? createSubmitTool(submitOptions) : undefined;
  if (submitTool) tools.push(submitTool);
  const submitName = submitTool?.info.name;
  const systemMessage = promptToSystemMessage(options.prompt === undefined ? {} : options.prompt, tools, submitName);
  const attempts: AgentAttempts = typeof options.attempts === 'number' ? { attempts: options.attempts } : (options.attempts ?? {});
  const overflow = options.truncation === 'auto' ? trimMessages : options.truncation === 'disabled' ? undefined : options.truncation;

  const submission = (messages: readonly ChatMessage[]): string | undefined => {
    for (const message of messages) {
      if (message.role === 'tool' && message.function === submitName && !message.error) return messageText(message);
    }
    return undefined;
  };

  const execute = async (state: AgentState): Promise<AgentState> => {
    if (systemMessage) state.messages.unshift({ ...systemMessage });
    let attemptCount = 0;
    for (;;) {
      state = await generate(options.model, state, tools);
      if (state.output.choices[0]?.stop_reason === 'model_length') {
        const handled = await handleOverflow(state, overflow);
        if (handled) continue;
        break;
      }
      const calls = state.output.choices[0]?.message.tool_calls;
      if (calls?.length) {
        const signal = sampleContext.getStore()?.signal;
        const result = await executeTools({ messages: state.messages, tools, signal });
        state.messages.push(...result.messages);
        if (result.output) state.output = result.output;
        checkActiveLimits({ messages: state.messages.length });

        const answer = submitOptions ? submission(result.messages) : undefined;
        if (answer !== undefined && submitOptions) {
          recordAnswer(state.output, answer, submitOptions);
          attemptCount++;
          if (attemptCount >= (attempts.attempts ?? 1)) break;
          const scores = await score(state);
          if ((attempts.scoreValue ?? valueToFloat)(scores[0]?.value ?? 0) === 1) break;
          const incorrect =
            typeof attempts.incorrectMessage === 'function'
              ? await attempts.incorrectMessage(state, scores)
              : (attempts.incorrectMessage ?? defaultIncorrectMessage);
          state.messages.push({ role: 'user', content: incorrect });
        }
      }

      const calledTools = Boolean(state.output.choices[0]?.message.tool_calls?.length);
      if (typeof options.onContinue === 'function') {
        const decision = await options.onContinue(state);
        if (decision === true) {
          if (!calledTools) state.messages.push({ role: 'user', content: continuePrompt(submitName) });
        } else if (typeof decision === 'string') {
          state.messages.push({ role: 'user', content: decision.replaceAll('{submit}', submitName ?? 'submit') });
        } else if (decision !== false) {
          state.messages = decision.messages;
          state.output = decision.output;
        } else {
          break;
        }
      } else if (!calledTools) {
        if (!submitName) break;
        const message = options.onContinue ?? defaultContinuePrompt;
        state.messages.push({ role: 'user', content: message.replaceAll('{submit}', submitName) });
      }
    }
    if (submitOptions && !submitOptions.keepInMessages && submitName) {
      state.messages = removeSubmitTool(state.messages, submitName);
    }
    return state;
  };

  return createAgent({
    name: options.name ?? 'react',
    description: options.description,
    args: recordedArgs({ ...options, model: typeof options.model === 'object' && 'execute' in options.model ? options.model.name : options.model }),
    execute,
  });
}

function createSubmitTool(submit: AgentSubmit): Tool {
  const name = submit.name ?? submit.tool?.info.name ?? 'submit';
  const description = submit.description ?? submit.tool?.info.description ?? 'Submit an answer for evaluation.';
  if (submit.tool) return { ...submit.tool, info: { ...submit.tool.info, name, description } };
  return defineTool({
    name,
    description,
    parameters: z.object({ answer: z.string().describe('Submitted answer') }),
    execute: ({ answer }) => answer,
  });
}

function continuePrompt(submitName: string | undefined): string {
  return submitName ? defaultContinuePrompt.replaceAll('{submit}', submitName) : defaultContinuePromptNoSubmit;
}

/** The system message from the prompt's parts, as Inspect builds it. */
function promptToSystemMessage(
  prompt: string | AgentPrompt | null,
  tools: readonly Tool[],
  submitName: string | undefined,
): ChatMessage | undefined {
  if (prompt === null) return undefined;
  const parts: AgentPrompt = typeof prompt === 'string' ? { instructions: prompt } : prompt;
  const handoffPrompt = parts.handoffPrompt === undefined ? defaultHandoffPrompt : parts.handoffPrompt;
  const assistantPrompt = parts.assistantPrompt === undefined ? defaultAssistantPrompt : parts.assistantPrompt;
  const submitPrompt = parts.submitPrompt === undefined ? defaultSubmitPrompt : parts.submitPrompt;
  const lines: string[] = [];
  if (parts.instructions) lines.push(parts.instructions);
  if (handoffPrompt && hasHandoff(tools)) lines.push(handoffPrompt);
  if (assistantPrompt) {
    if (submitName && !assistantPrompt.includes('{submit}') && submitPrompt) {
      lines.push(`${assistantPrompt}\n${submitPrompt.replaceAll('{submit}', submitName)}`);
    } else {
      lines.push(assistantPrompt.replaceAll('{submit}', submitName ?? 'submit'));
    }
  }
  return { role: 'system', content: lines.join('\n\n') };
}

/** One model turn: checks the sample's message and turn limits, calls the model (or the agent standing in for it). */
async function generate(model: ReactOptions['model'], state: AgentState, tools: readonly Tool[]): Promise<AgentState> {
  if (typeof model === 'object' && 'execute' in model) return model.execute(state, { tools });
  const context = sampleContext.getStore();
  const limit = context?.messageLimit;
  if (limit !== undefined && state.messages.length >= limit) {
    const count = state.messages.length;
    throw new LimitExceededError({
      type: 'message',
      limit,
      value: count,
      message: `Message limit ${count === limit ? 'reached' : 'exceeded'}. count: ${count.toLocaleString('en-US')}; limit: ${limit.toLocaleString('en-US')}`,
    });
  }
  const turnLimit = context?.taskState?.turnLimit;
  if (turnLimit !== undefined && turnLimit !== null) {
    const turns = state.messages.filter((message) => message.role === 'assistant' && message.source === 'generate').length;
    if (turns >= turnLimit) {
      throw new LimitExceededError({
        type: 'turn',
        limit: turnLimit,
        value: turns,
        message: `Turn limit reached. count: ${turns.toLocaleString('en-US')}; limit: ${turnLimit.toLocaleString('en-US')}`,
      });
    }
  }
  const output = await resolveModel({ model }).generate({
    input: [...state.messages],
    tools: tools.map((tool) => tool.info),
    signal: context?.signal,
  });
  state.output = output;
  state.messages.push(outputMessage(output));
  return state;
}

/** The output's message, shared with the output (so the submitted answer shows in the conversation too). */
function outputMessage(output: ModelOutput): ChatMessageAssistant {
  const choice = output.choices[0];
  if (!choice) return { role: 'assistant', content: output.completion, model: output.model, source: 'generate' };
  choice.message.source ??= 'generate';
  return choice.message;
}

/** Puts the submitted answer in the output's completion and message, as Inspect does. */
function recordAnswer(output: ModelOutput, answer: string, submit: AgentSubmit): void {
  const delimiter = submit.answerDelimiter ?? '\n\n';
  output.completion = submit.answerOnly ? answer : `${output.completion}${delimiter}${answer}`.trim();
  const message = output.choices[0]?.message;
  if (!submit.keepInMessages && message) {
    if (typeof message.content === 'string') message.content = `${message.content}${delimiter}${answer}`.trim();
    else message.content.push({ type: 'text', text: answer });
  }
}

/** Handles a context-window overflow: trims the conversation and goes on, or stops. */
async function handleOverflow(state: AgentState, overflow: MessageFilter | undefined): Promise<boolean> {
  const transcript = currentTranscript();
  // The failed assistant turn has nothing usable; the next turn generates afresh.
  const previous = state.messages.slice(0, -1);
  if (overflow) {
    const trimmed = await overflow(previous);
    if (trimmed.length < previous.length) {
      state.messages = trimmed;
      transcript?.record({ event: 'info', source: null, data: 'Agent exceeded model context window, truncating messages and continuing.' });
      return true;
    }
  }
  transcript?.record({ event: 'info', source: null, data: 'Agent terminated: model context window exceeded' });
  return false;
}

/** The conversation without submit calls and their results (a calling agent could mistake them for its own). */
function removeSubmitTool(messages: readonly ChatMessage[], submitName: string): ChatMessage[] {
  const filtered: ChatMessage[] = [];
  for (const message of messages) {
    if (message.role === 'tool' && message.function === submitName) continue;
    if (message.role === 'assistant' && message.tool_calls) {
      const calls = message.tool_calls.filter((call) => call.function !== submitName);
      if (calls.length < message.tool_calls.length) {
        let content = message.content;
        if (Array.isArray(content)) {
          const reasoning = content.map((part) => part.type).lastIndexOf('reasoning');
          if (reasoning >= 0) content = content.filter((_part, index) => index !== reasoning);
        }
        filtered.push({ ...message, tool_calls: calls, content });
        continue;
      }
    }
    filtered.push(message);
  }
  return filtered;
}
