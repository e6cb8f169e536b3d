/** Stable codes of {@link LogError}. */
export type LogErrorCode =
  | 'invalid_json'
  | 'invalid_log'
  | 'not_a_zip'
  | 'corrupt_zip'
  | 'truncated'
  | 'unsafe_member_name'
  | 'member_too_large'
  | 'member_size_exceeded'
  | 'unsupported_compression'
  | 'member_not_found'
  | 'sample_not_found'
  | 'unsupported_format'
  | 'writer_state'
  | 'write_failed';

/** An error reading or writing an eval log; `path` names the file (or member) involved. */
export class LogError extends Error {
  override readonly name = 'LogError';
  readonly code: LogErrorCode;
  /** The log file involved, when known. */
  readonly path: string | undefined;
  /** The zip member involved, when known. */
  readonly member: string | undefined;

  constructor(options: { code: LogErrorCode; message: string; path?: string; member?: string; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.code = options.code;
    this.path = options.path;
    this.member = options.member;
  }
}

/** Prefixes a message with the file (and member) it concerns. */
export function describeLocation(options: { path?: string; member?: string }): string {
  if (options.path && options.member) return `${options.path} (member ${options.member})`;
  return options.path ?? options.member ?? 'eval log';
}
