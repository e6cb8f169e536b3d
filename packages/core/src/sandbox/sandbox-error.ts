/** Stable codes of {@link SandboxError}. */
export type SandboxErrorCode =
  /** The command ran longer than its `timeout`; it and its children were killed. */
  | 'sandbox_timeout'
  /** stdout or stderr of a command, or a file read, was larger than the limit; `truncatedOutput` has its end. */
  | 'sandbox_output_limit'
  | 'sandbox_permission_denied'
  | 'sandbox_file_not_found'
  | 'sandbox_is_a_directory'
  /** A file read as text is not valid UTF-8. */
  | 'sandbox_decode'
  /** The provider cannot run here (bwrap or docker missing, daemon down, image absent) or the environment is gone. */
  | 'sandbox_unavailable'
  /** A sandbox spec or config is invalid (unknown type, bad config file, unknown environment name). */
  | 'sandbox_config'
  /** `sandbox()` was called outside a sample that has a sandbox. */
  | 'sandbox_not_provided'
  /** Sample files or the setup script could not be applied. */
  | 'sandbox_setup_failed'
  | 'sandbox_connection_unsupported';

/** An error of a sandbox operation, with a stable `code`; tools tell the model the message of the ones it can act on. */
export class SandboxError extends Error {
  override readonly name = 'SandboxError';
  readonly code: SandboxErrorCode;
  /** The file involved, when there is one. */
  readonly path: string | undefined;
  /** For `sandbox_output_limit`: the end of the output, up to the limit. */
  readonly truncatedOutput: string | undefined;

  constructor(options: {
    code: SandboxErrorCode;
    message: string;
    path?: string;
    truncatedOutput?: string;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.code = options.code;
    this.path = options.path;
    this.truncatedOutput = options.truncatedOutput;
  }
}
