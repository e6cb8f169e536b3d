/** Stable codes of {@link ScorerError}. */
export type ScorerErrorCode = 'invalid_options' | 'invalid_pattern' | 'template_variable_missing' | 'unknown_scorer';

/** An error creating or running a scorer. */
export class ScorerError extends Error {
  override readonly name = 'ScorerError';
  readonly code: ScorerErrorCode;

  constructor(options: { code: ScorerErrorCode; message: string; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.code = options.code;
  }
}
