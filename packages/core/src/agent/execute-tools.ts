import type { ChatMessage, ChatMessageAssistant, ModelOutput, ToolCall } from '@assay/model/spec';
import { currentTranscript } from '../events/transcript.js';
import { applyLimits } from '../limits/apply-limits.js';
import type { LimitExceededError } from '../solver/limit-exceeded-error.js';
import { executeToolCalls } from '../tools/execute-tool-calls.js';
import type { Tool } from '../tools/tool.js';
import { type AgentState, emptyAgentOutput } from './agent.js';
import { type HandoffTarget, handoffTarget } from './handoff.js';

/** Options of {@link executeTools}. */
export interface ExecuteToolsOptions {
  /** The conversation; its last message is the assistant message whose tool calls run. */
  messages: readonly ChatMessage[];
  tools: readonly Tool[];
  signal?: AbortSignal;
  /** Largest tool result passed to the model, in UTF-8 bytes. @default 16384 */
  maxOutput?: number;
}

/** What {@link executeTools} returns: the messages to add to the conversation, and a handed-off agent's output. */
export interface ExecuteToolsResult {
  messages: ChatMessage[];
  output?: ModelOutput;
}

/**
 * Runs the tool calls of the conversation's last message, handoffs included (Inspect's `execute_tools`): ordinary
 * tools give one `tool` message each; a handoff gives its `tool` message and then the messages of the agent it ran.
 * @example state.messages.push(...(await executeTools({ messages: state.messages, tools })).messages);
 */
export async function executeTools(options: ExecuteToolsOptions): Promise<ExecuteToolsResult> {
  const last = options.messages.at(-1);
  if (last?.role !== 'assistant' || !last.tool_calls?.length) return { messages: [] };
  const handoffCalls: Array<{ call: ToolCall; target: HandoffTarget }> = [];
  const toolCalls: ToolCall[] = [];
  for (const call of last.tool_calls) {
    const tool = options.tools.find((candidate) => candidate.info.name === call.function);
    const target = tool ? handoffTarget(tool) : undefined;
    if (target && !call.parse_error) handoffCalls.push({ call, target });
    else toolCalls.push(call);
  }
  const messages: ChatMessage[] =
    toolCalls.length === 0
      ? []
      : await executeToolCalls({
          message: toolCalls.length === last.tool_calls.length ? last : { ...last, tool_calls: toolCalls },
          tools: options.tools,
          signal: options.signal,
          maxOutput: options.maxOutput,
        });
  let output: ModelOutput | undefined;
  // Handoffs run one after another: each continues the conversation as the previous one left it.
  for (const { call, target } of handoffCalls) {
    const result = await runHandoff({ call, target, conversation: [...options.messages, ...messages] });
    messages.push(...result.messages);
    if (result.output.choices.length > 0) output = result.output;
  }
  return output ? { messages, output } : { messages };
}

async function runHandoff(options: {
  call: ToolCall;
  target: HandoffTarget;
  conversation: ChatMessage[];
}): Promise<{ messages: ChatMessage[]; output: ModelOutput }> {
  const { call, target } = options;
  const { agent } = target;
  const transcript = currentTranscript();
  const run = async (): Promise<{ messages: ChatMessage[]; output: ModelOutput }> => {
    const timestamp = new Date();
    const started = performance.now();
    const transferred = `Successfully transferred to ${agent.name}.`;
    const toolMessage: ChatMessage = { role: 'tool', content: transferred, tool_call_id: call.id, function: call.function };
    let conversation = [...options.conversation];
    // The agent sees only this call of the assistant's, answered by the transfer message.
    const last = conversation.at(-1);
    if (last?.role === 'assistant' && last.tool_calls) {
      conversation[conversation.length - 1] = { ...last, tool_calls: [call] } satisfies ChatMessageAssistant;
    }
    conversation.push(toolMessage);
    if (target.options.inputFilter) conversation = await target.options.inputFilter(conversation);
    // System messages may describe tools or instructions that are not the agent's.
    conversation = conversation.filter((message) => message.role !== 'system');

    const state: AgentState = { messages: [...conversation], output: emptyAgentOutput() };
    const limits = target.options.limits ?? [];
    const scoped = await applyLimits({ limits, catchErrors: true }, () =>
      agent.execute(state, { ...call.arguments, ...target.options.args }),
    );
    const finalState = scoped.limitError ? state : scoped.result;
    const before = new Set(conversation);
    let added = finalState.messages
      .filter((message) => !before.has(message) && message.role !== 'system')
      .map((message) => (message.role === 'assistant' ? withAgentName(message, agent.name) : message));
    if (target.options.outputFilter) added = await target.options.outputFilter(added);
    if (scoped.limitError) added.push({ role: 'user', content: limitMessage(agent.name, scoped.limitError) });
    // A user message after the agent's last word hands the turn back to the calling agent.
    if (added.length === 0 || added.at(-1)?.role === 'assistant') {
      added.push({ role: 'user', content: `The ${agent.name} agent has completed its work.` });
    }
    transcript?.record({
      event: 'tool',
      type: 'function',
      id: call.id,
      function: call.function,
      arguments: call.arguments,
      result: transferred,
      agent: agent.name,
      timestamp: timestamp.toISOString(),
      completed: new Date().toISOString(),
      working_time: (performance.now() - started) / 1000,
      events: [],
    });
    return { messages: [toolMessage, ...added], output: finalState.output };
  };
  return transcript ? transcript.span({ name: agent.name, type: 'handoff' }, run) : run();
}

function limitMessage(agentName: string, error: LimitExceededError): string {
  return `The ${agentName} agent exceeded its ${error.type} limit and was stopped: ${error.message}`;
}

/** The message with `[agent]` before its text, so the calling agent sees who said it. */
function withAgentName(message: ChatMessageAssistant, agentName: string): ChatMessageAssistant {
  const prefix = `[${agentName}] `;
  if (typeof message.content === 'string') return { ...message, content: `${prefix}${message.content}` };
  return { ...message, content: [{ type: 'text', text: prefix }, ...message.content] };
}
