import { toolCallSchema } from '@assay/model/spec';
import { z } from 'zod';
import { approvalDecisionSchema, type Approval, type ApprovalDecision, type ToolCallContent } from './approval.js';
import type { ApprovalRequest } from './approver.js';
import { defineApprover } from './define-approver.js';
import { withInputScreen, type InputTerminal } from './input-screen.js';

const explanations: Record<ApprovalDecision, string> = {
  approve: 'Human operator approved tool call.',
  modify: 'Human operator modified the tool call.',
  reject: 'Human operator rejected the tool call.',
  terminate: 'Human operator asked that the sample be terminated.',
  escalate: 'Human operator escalated the tool call approval.',
};

function viewText(content: ToolCallContent | null | undefined): string {
  if (!content) return '';
  return `${content.title ? `${content.title}\n` : ''}${content.content.trim()}\n`;
}

function render(request: ApprovalRequest): string {
  const parts = ['\n── Approve Tool ──────────────────────────────\n'];
  if (request.message.trim()) parts.push(`Assistant\n${request.message.trim()}\n\n`);
  if (request.view.context) parts.push(`${viewText(request.view.context)}\n`);
  parts.push(viewText(request.view.call));
  return parts.join('');
}

/** Asks for new arguments as JSON until they parse as an object (an empty line keeps the call as it is). */
async function askModified(terminal: InputTerminal, request: ApprovalRequest): Promise<Approval> {
  terminal.write(`Current arguments: ${JSON.stringify(request.call.arguments)}\n`);
  for (;;) {
    const answer = (await terminal.question('New arguments (JSON object, empty to keep): ')).trim();
    if (answer === '') return { decision: 'approve', explanation: explanations.approve };
    try {
      const parsed: unknown = JSON.parse(answer);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        const modified = toolCallSchema.parse({ ...request.call, arguments: parsed });
        return { decision: 'modify', modified, explanation: explanations.modify };
      }
    } catch {
      // Asked again below.
    }
    terminal.write('Please enter a JSON object, e.g. {"cmd": "ls"}.\n');
  }
}

/**
 * Asks the person at the terminal to decide on each tool call (Inspect's `human_approver`): the choices are offered
 * by their first letter, Enter picks the first. `modify` asks for the new arguments as JSON. The progress display
 * steps aside while asking, and concurrent samples wait their turn.
 * @default { choices: ['approve', 'reject', 'terminate'] }
 * @example humanApprover({ choices: ['approve', 'modify', 'reject', 'escalate', 'terminate'] })
 */
export const humanApprover = defineApprover({
  name: 'human',
  options: z.strictObject({
    choices: z.array(approvalDecisionSchema).min(1).default(['approve', 'reject', 'terminate']),
  }),
  create:
    ({ choices }) =>
    (request) =>
      withInputScreen(async (terminal) => {
        terminal.write(render(request));
        const labels = choices.map((choice) => `${choice[0]?.toUpperCase()}${choice.slice(1)} (${choice[0]})`);
        const prompt = `${labels.length > 1 ? `${labels.slice(0, -1).join(', ')}, or ${labels.at(-1)}` : labels[0]} [${choices[0]?.[0]}]: `;
        for (;;) {
          const answer = (await terminal.question(prompt)).trim().toLowerCase();
          const decision = answer === '' ? choices[0] : choices.find((choice) => choice === answer || choice[0] === answer);
          if (decision === undefined) {
            terminal.write(`Please answer one of: ${choices.map((choice) => choice[0]).join(', ')}.\n`);
            continue;
          }
          const approval = decision === 'modify' ? await askModified(terminal, request) : { decision, explanation: explanations[decision] };
          terminal.write(`Decision: ${approval.decision[0]?.toUpperCase()}${approval.decision.slice(1)}\n`);
          return approval;
        }
      }),
});
