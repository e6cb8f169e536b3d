import type { ChatMessage } from '@assay/model/spec';

/** Changes the messages passed to or returned from a handoff (Inspect's `MessageFilter`). */
export type MessageFilter = (messages: ChatMessage[]) => Promise<ChatMessage[]>;

/**
 * Removes tool calls from messages: every `tool` message, and the `tool_calls` of assistant messages.
 * @example handoff(researcher, { inputFilter: removeTools })
 */
export async function removeTools(messages: ChatMessage[]): Promise<ChatMessage[]> {
  const filtered: ChatMessage[] = [];
  for (const message of messages) {
    if (message.role === 'tool') continue;
    if (message.role === 'assistant' && message.tool_calls) {
      const { tool_calls: _calls, ...rest } = message;
      filtered.push(rest);
    } else {
      filtered.push(message);
    }
  }
  return filtered;
}

/**
 * Keeps only the last message.
 * @example handoff(researcher, { outputFilter: lastMessage })
 */
export async function lastMessage(messages: ChatMessage[]): Promise<ChatMessage[]> {
  return messages.slice(-1);
}
