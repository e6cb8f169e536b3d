import { isRetryableError, retryAfterSeconds } from '../errors/is-retryable-error.js';
import { ModelTimeoutError } from '../errors/model-timeout-error.js';
import type { GenerateConfig } from '../spec/generate-config.js';
import type { ModelApi, ModelApiGenerateOptions, ModelApiGenerateResult } from '../spec/model-api.js';
import { abortableSleep, linkedAbort, raceAbort } from './abort-helpers.js';
import { retryDelay } from './retry-backoff.js';
import type { AdaptiveConnectionController } from './adaptive-connections.js';
import type { Semaphore } from './semaphore.js';

/** Counters of a call in progress, still readable when it fails. */
export interface CallProgress {
  retries: number;
  /** Time spent waiting for a connection slot. */
  waitingMilliseconds: number;
  /** Duration of the most recent attempt. */
  attemptMilliseconds: number;
  /** Time spent waiting between attempts (backoff and `Retry-After`). */
  retryWaitMilliseconds: number;
}

/** Options for {@link callWithRetries}. */
export interface CallWithRetriesOptions {
  /** `provider/name`, for error messages. */
  model: string;
  api: ModelApi;
  request: Omit<ModelApiGenerateOptions, 'signal'>;
  signal?: AbortSignal;
  semaphore: Semaphore;
  /** Set when the limit is adaptive (`adaptiveConnections`); it then replaces `maxConnections`. */
  adaptive?: AdaptiveConnectionController;
  progress: CallProgress;
}

/** Whether a failure is a rate limit or an overload (429, 529, `rate_limited`, `overloaded`): what cuts adaptive limits. */
export function isRateLimitError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  return statusCode === 429 || statusCode === 529 || code === 'rate_limited' || code === 'overloaded';
}

/**
 * Whether a failure says the API is out of capacity for now (429, 503, 529, `rate_limited`, `overloaded`): such
 * failures are retried for as long as the call's time budget allows, not counted against `maxRetries`.
 */
export function isCapacityError(error: unknown): boolean {
  if (isRateLimitError(error)) return true;
  if (typeof error !== 'object' || error === null) return false;
  return (error as { statusCode?: unknown }).statusCode === 503;
}

/** The default of `GenerateConfig.maxRetries`: retries of failures other than rate limits and overloads. */
export const defaultMaxRetries = 5;
/** The default of `GenerateConfig.maxConnections` when the provider sets none. */
export const defaultMaxConnections = 10;
/** The default of `GenerateConfig.attemptTimeout`, in seconds (the request timeout of OpenAI's and Anthropic's SDKs). */
export const defaultAttemptTimeout = 600;

/**
 * Calls `api.doGenerate` under the connection limit, retrying retryable failures with backoff; each attempt is
 * bounded by `attemptTimeout` (default {@link defaultAttemptTimeout}). Rate limits and overloads (see
 * {@link isCapacityError}) are retried until the total `timeout` runs out or the caller's signal aborts (a sample's
 * time limit, a cancelled run); other retryable failures at most `maxRetries` times.
 */
export async function callWithRetries(options: CallWithRetriesOptions): Promise<ModelApiGenerateResult> {
  const { config } = options.request;
  const maxRetries = config.maxRetries ?? defaultMaxRetries;
  // Only a total timeout needs a controller of its own; otherwise the caller's signal (if any) is used as it is.
  const total =
    config.timeout === undefined
      ? undefined
      : linkedAbort({
          parent: options.signal,
          timeoutMilliseconds: config.timeout * 1000,
          timeoutReason: () =>
            new ModelTimeoutError({ model: options.model, timeout: config.timeout as number, scope: 'total' }),
        });
  const signal = total?.signal ?? options.signal;
  let budgetUsed = 0;
  try {
    for (;;) {
      try {
        return await attempt(options, config, signal);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (!isRetryableError(error)) throw error;
        // Rate limits and overloads pass with time (Inspect retries them without a count); other failures, such as a
        // 500 that keeps coming back or a server that keeps stalling, stop after maxRetries.
        if (!isCapacityError(error)) {
          if (budgetUsed >= maxRetries) throw error;
          budgetUsed++;
        }
        const delay = retryDelay({ retry: options.progress.retries, retryAfter: retryAfterSeconds(error) });
        options.progress.retries++;
        const waitStart = performance.now();
        try {
          await abortableSleep(delay * 1000, signal);
        } finally {
          options.progress.retryWaitMilliseconds += performance.now() - waitStart;
        }
      }
    }
  } finally {
    total?.dispose();
  }
}

async function attempt(
  options: CallWithRetriesOptions,
  config: GenerateConfig,
  signal: AbortSignal | undefined,
): Promise<ModelApiGenerateResult> {
  const { api, semaphore, progress, adaptive } = options;
  const limit = adaptive ? adaptive.limit : config.maxConnections ?? api.defaultMaxConnections ?? defaultMaxConnections;
  const waitStart = performance.now();
  if (!semaphore.tryAcquire(limit)) await semaphore.acquire(limit, signal);
  const attemptStart = performance.now();
  progress.waitingMilliseconds += attemptStart - waitStart;
  if (!adaptive) return await attemptInSlot(options, config, signal, attemptStart);
  const generation = adaptive.generation;
  try {
    const result = await attemptInSlot(options, config, signal, attemptStart);
    adaptive.onSuccess();
    semaphore.setLimit(adaptive.limit);
    return result;
  } catch (error) {
    if (isRateLimitError(error)) {
      adaptive.onRateLimit(generation);
      semaphore.setLimit(adaptive.limit);
    }
    throw error;
  }
}

async function attemptInSlot(
  options: CallWithRetriesOptions,
  config: GenerateConfig,
  signal: AbortSignal | undefined,
  attemptStart: number,
): Promise<ModelApiGenerateResult> {
  const { api, semaphore, progress } = options;
  try {
    if (signal?.aborted) throw signal.reason;
    const attemptTimeout = config.attemptTimeout ?? defaultAttemptTimeout;
    const attemptAbort = linkedAbort({
      parent: signal,
      timeoutMilliseconds: attemptTimeout * 1000,
      timeoutReason: () =>
        new ModelTimeoutError({ model: options.model, timeout: attemptTimeout, scope: 'attempt' }),
    });
    try {
      // Object.assign rather than a spread on the per-call path (architecture/log-sink.md, "A hidden class per object").
      const pending = api.doGenerate(Object.assign({}, options.request, { signal: attemptAbort.signal }));
      return await raceAbort(pending, attemptAbort.signal);
    } finally {
      attemptAbort.dispose();
    }
  } finally {
    progress.attemptMilliseconds = performance.now() - attemptStart;
    semaphore.release();
  }
}
