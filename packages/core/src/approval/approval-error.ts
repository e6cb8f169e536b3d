/** Options for {@link ApprovalError}. */
export interface ApprovalErrorOptions {
  code: 'approval_policy_invalid' | 'approver_options_invalid' | 'approval_input_closed';
  message: string;
  /** The policy file at fault, if any. */
  file?: string;
  /** Where in the policy the fault is (`approvers[1].tools`). */
  key?: string;
}

/**
 * An approval policy that cannot be used (a bad policy file, unknown approver, bad approver options), or a human
 * approver that lost its input. Usage errors: the message says what to fix.
 */
export class ApprovalError extends Error {
  readonly code: ApprovalErrorOptions['code'];
  readonly isUsageError = true;
  readonly file?: string;
  readonly key?: string;

  constructor(options: ApprovalErrorOptions) {
    super(options.message);
    this.name = 'ApprovalError';
    this.code = options.code;
    this.file = options.file;
    this.key = options.key;
  }
}
