/** The kinds of limit a sample can run into. */
export type LimitType = 'message' | 'token' | 'time' | 'turn' | 'working' | 'cost' | 'operator' | 'custom';

/** Options for {@link LimitExceededError}. */
export interface LimitExceededErrorOptions {
  type: LimitType;
  /** The limit that applied. */
  limit: number;
  /** The value that reached or passed it. */
  value: number;
  /** Human-readable message. @default "Exceeded <type> limit: <limit>" */
  message?: string;
  /** The scoped limit (`tokenLimit(…)`, …) that was exceeded, so the scope that set it can catch it. */
  source?: object;
}

/**
 * Thrown when a sample reaches one of its limits; the runner catches it, ends the sample's solvers and scores it.
 * @example throw new LimitExceededError({ type: 'custom', limit: 3, value: 3, message: 'Too many retries.' })
 */
export class LimitExceededError extends Error {
  readonly code = 'limit_exceeded' as const;
  readonly type: LimitType;
  readonly limit: number;
  readonly value: number;
  /** The scoped limit that was exceeded, when one was (see `applyLimits`). */
  readonly source?: object;

  constructor(options: LimitExceededErrorOptions) {
    super(options.message ?? `Exceeded ${options.type} limit: ${options.limit.toLocaleString('en-US')}`);
    this.name = 'LimitExceededError';
    this.type = options.type;
    this.limit = options.limit;
    this.value = options.value;
    if (options.source) this.source = options.source;
  }
}
