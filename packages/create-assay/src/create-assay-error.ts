/** Why create-assay stopped: a stable `code`, and whether it was the caller's mistake (exit code 2). */
export type CreateAssayErrorCode = 'directory_not_empty' | 'not_a_directory' | 'invalid_arguments';

/** The error create-assay throws for a problem the user can fix; its message says how. */
export class CreateAssayError extends Error {
  override readonly name = 'CreateAssayError';
  /** A stable identifier to branch on, unlike the message. */
  readonly code: CreateAssayErrorCode;
  /** True when the user asked for something create-assay will not do (the command exits with 2). */
  readonly isUsageError = true;

  constructor(options: { code: CreateAssayErrorCode; message: string }) {
    super(options.message);
    this.code = options.code;
  }
}
