import type { Score } from '../log/schema/score.js';
import type { ValueToFloat } from '../metrics/value-to-float.js';
import type { Tool } from '../tools/tool.js';
import type { AgentState } from './agent.js';

/** Inspect's handoff prompt, added to the system message when the agent has handoffs. */
export const defaultHandoffPrompt = `
You are part of a multi-agent system designed to make agent coordination and execution easy. Agents uses two primary abstraction: **Agents** and **Handoffs**. An agent encompasses instructions and tools and can hand off a conversation to another agent when appropriate. Handoffs are achieved by calling a handoff function,generally named \`transfer_to_<agent_name>\`. Transfers between agents are handled seamlessly in the background; do not mention or draw attention to these transfers in your conversation with the user.
`;

/** Inspect's assistant prompt. */
export const defaultAssistantPrompt = `
You are a helpful assistant attempting to submit the best possible answer. You have several tools available to help with finding the answer. You will see the result of tool calls right after sending the message. If you need to perform multiple actions, you can always send more messages with additional tool calls. Do some reasoning before your actions, describing what tool calls you are going to use and how they fit into your plan.
`;

/** Inspect's prompt telling the model about the submit tool (`{submit}` is its name). */
export const defaultSubmitPrompt = `
When you have completed the task and have an answer, call the {submit}() tool to report it.
`;

/** Inspect's message when the model stops without calling a tool (`{submit}` is the submit tool's name). */
export const defaultContinuePrompt = `
Please proceed to the next step using your best judgement. If you believe you have completed the task, please call the \`{submit}()\` tool with your final answer.
`;

/** Inspect's continue message for an agent without a submit tool. */
export const defaultContinuePromptNoSubmit = `
Please proceed to the next step using your best judgement.
`;

/** Inspect's message after an incorrect submission. */
export const defaultIncorrectMessage = 'Your submission was incorrect. Please proceed and attempt to find the correct answer.';

/** The parts of a react agent's system message (Inspect's `AgentPrompt`); `null` leaves a part out. */
export interface AgentPrompt {
  /** Agent-specific instructions, first in the system message. */
  instructions?: string | null;
  /** Added when the agent has handoffs. @default defaultHandoffPrompt */
  handoffPrompt?: string | null;
  /** Tool use and reasoning. @default defaultAssistantPrompt */
  assistantPrompt?: string | null;
  /** About the submit tool; unused when `assistantPrompt` has a `{submit}` placeholder. @default defaultSubmitPrompt */
  submitPrompt?: string | null;
}

/** Several submissions, each judged by the task's first scorer (Inspect's `AgentAttempts`). */
export interface AgentAttempts {
  /** Most submissions. @default 1 */
  attempts?: number;
  /** Reply to an incorrect submission, or a function making it. @default defaultIncorrectMessage */
  incorrectMessage?: string | ((state: AgentState, scores: Score[]) => Promise<string>);
  /** Maps a score value to a float; 1 is correct. @default valueToFloat() */
  scoreValue?: ValueToFloat;
}

/** The submit tool of a react agent (Inspect's `AgentSubmit`). */
export interface AgentSubmit {
  /** @default "submit" */
  name?: string;
  /** @default "Submit an answer for evaluation." */
  description?: string;
  /** Another implementation; it must return the answer. */
  tool?: Tool;
  /** The completion is the answer alone, not the model's text followed by it. @default false */
  answerOnly?: boolean;
  /** Between the model's text and the answer. @default "\n\n" */
  answerDelimiter?: string;
  /** Keep submit calls in the messages (removed by default, so a calling agent does not mistake them). @default false */
  keepInMessages?: boolean;
}

/** Decides whether a react agent goes on: `true` (with the continue prompt when no tool was called), a message, a new state, or `false` to stop. */
export type AgentContinue = (state: AgentState) => Promise<boolean | string | AgentState>;
