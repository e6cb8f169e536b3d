import { z } from 'zod';
import { approvalDecisionSchema } from './approval.js';
import { defineApprover } from './define-approver.js';

/**
 * Applies one decision to every tool call it sees (Inspect's `auto_approver`).
 * @default { decision: 'approve' }
 * @example autoApprover({ decision: 'reject' })
 */
export const autoApprover = defineApprover({
  name: 'auto',
  options: z.strictObject({ decision: approvalDecisionSchema.default('approve') }),
  create:
    ({ decision }) =>
    async () => ({ decision, explanation: 'Automatic decision.' }),
});
