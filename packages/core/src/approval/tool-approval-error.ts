import { ToolError } from '../tools/tool-error.js';

/** A tool call an approver did not approve; the model reads Inspect's message (the explanation, if any). */
export class ToolApprovalError extends ToolError {
  constructor(explanation?: string | null) {
    super(explanation || 'Tool call not approved.');
    this.name = 'ToolApprovalError';
  }
}
