import type { ChatMessage } from '@assay/model/spec';

/**
 * Trims a conversation to fit a context window (Inspect's `trim_messages`): keeps the system messages, the input
 * (the messages before the first model reply) and the last 70% of the rest, starting at a message that is not a
 * tool result whose call was trimmed away.
 * @example react({ truncation: 'auto' }) // uses trimMessages on an overflow
 */
export async function trimMessages(messages: ChatMessage[], options: { preserve?: number } = {}): Promise<ChatMessage[]> {
  const preserve = options.preserve ?? 0.7;
  const system = messages.filter((message) => message.role === 'system');
  const rest = messages.filter((message) => message.role !== 'system');
  const firstReply = rest.findIndex((message) => message.role === 'assistant');
  const input = firstReply < 0 ? rest : rest.slice(0, firstReply);
  const conversation = firstReply < 0 ? [] : rest.slice(firstReply);
  let kept = conversation.slice(conversation.length - Math.floor(conversation.length * preserve));
  while (kept[0]?.role === 'tool') kept = kept.slice(1);
  return [...system, ...input, ...kept];
}
