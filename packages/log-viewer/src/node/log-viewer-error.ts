/** Stable codes of {@link LogViewerError}. */
export type LogViewerErrorCode = 'token_required' | 'token_too_short' | 'client_not_built' | 'log_dir_not_found';

/** An error starting or bundling the log viewer. */
export class LogViewerError extends Error {
  override readonly name = 'LogViewerError';
  readonly code: LogViewerErrorCode;

  constructor(options: { code: LogViewerErrorCode; message: string; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.code = options.code;
  }
}
