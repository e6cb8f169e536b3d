/** The exponential backoff between retries of a failed model call, in seconds. */
export interface RetryBackoff {
  /** Upper bound of the first wait. @default 1 */
  initialDelay: number;
  /** Upper bound of any wait computed by backoff (a `retryAfter` from the API may exceed it). @default 60 */
  maxDelay: number;
}

const defaultRetryBackoff: RetryBackoff = { initialDelay: 1, maxDelay: 60 };

function environmentSeconds(name: string): number | undefined {
  const text = globalThis.process?.env?.[name];
  if (text === undefined || text.trim() === '') return undefined;
  const seconds = Number(text);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/**
 * The backoff a process starts with: the defaults, or `ASSAY_RETRY_INITIAL_DELAY` / `ASSAY_RETRY_MAX_DELAY` (seconds)
 * where set, so that a test spawning the CLI can make retries quick without changing what users get.
 */
function initialBackoff(): RetryBackoff {
  const initialDelay = environmentSeconds('ASSAY_RETRY_INITIAL_DELAY') ?? defaultRetryBackoff.initialDelay;
  const maxDelay = environmentSeconds('ASSAY_RETRY_MAX_DELAY') ?? Math.max(initialDelay, defaultRetryBackoff.maxDelay);
  return { initialDelay, maxDelay };
}

let currentBackoff: RetryBackoff = initialBackoff();

/**
 * Changes the retry backoff for all models (tests use a tiny `initialDelay`); returns a function restoring the
 * previous one.
 * @example const restore = setRetryBackoff({ initialDelay: 0.01 });
 */
export function setRetryBackoff(backoff: Partial<RetryBackoff>): () => void {
  const previous = currentBackoff;
  currentBackoff = { ...currentBackoff, ...backoff };
  return () => {
    currentBackoff = previous;
  };
}

/**
 * Seconds to wait before retry number `retry` (0-based): full jitter over an exponential ceiling capped at `maxDelay`
 * (the backoff Inspect uses for rate limits, which it retries without a count), or, when the API
 * said how long to wait (`retryAfter`), that wait plus up to 10% jitter so that limited calls do not return in a herd.
 */
export function retryDelay(options: { retry: number; retryAfter?: number }): number {
  if (options.retryAfter !== undefined && options.retryAfter > 0) {
    return options.retryAfter * (1 + 0.1 * Math.random());
  }
  const ceiling = Math.min(currentBackoff.maxDelay, currentBackoff.initialDelay * 2 ** options.retry);
  return Math.random() * ceiling;
}
