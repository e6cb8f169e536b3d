import type { ChatMessage } from './chat-message.js';
import type { GenerateConfig } from './generate-config.js';
import type { ModelCall } from './model-api.js';
import type { ModelOutput } from './model-output.js';
import type { ToolChoice, ToolInfo } from './tool-info.js';

/** A model call about to be made. */
export interface ModelCallStart {
  /** `provider/name`. */
  model: string;
  /** The role the model was resolved for (`grader`), if any. */
  role?: string;
  input: ChatMessage[];
  tools: ToolInfo[];
  toolChoice: ToolChoice;
  config: GenerateConfig;
  /** ISO 8601 timestamp. */
  startedAt: string;
}

/** A finished model call (successful or not). */
export interface ModelCallEnd extends ModelCallStart {
  output: ModelOutput;
  call?: ModelCall;
  /** Error message when the call failed after all retries. */
  error?: string;
  /** Attempts that failed and were retried. */
  retries: number;
  /** Seconds spent waiting between attempts (backoff and `Retry-After`). */
  retryWaitTime?: number;
  /** Whether the output came from the response cache. */
  cached: boolean;
  /** `read` when the output came from the response cache, `write` when it was stored there (Inspect's `ModelEvent.cache`). */
  cache?: 'read' | 'write';
  completedAt: string;
  /** Seconds spent, waits for a connection excluded. */
  workingTime: number;
  /** Seconds spent waiting rather than working: for a connection, and between retries (rate limits, overloads). */
  waitingTime?: number;
}

/**
 * Observes every model call made through `Model.generate`. Handlers run synchronously in the caller's async
 * context (so an `AsyncLocalStorage` store is visible) and may throw to fail the call: `onCallStart` to refuse
 * it, `onCallEnd` to signal e.g. an exceeded token limit after the output is recorded.
 */
export interface ModelCallObserver {
  onCallStart?(event: ModelCallStart): void;
  onCallEnd?(event: ModelCallEnd): void;
  /** An adaptive connection limit changed (`GenerateConfig.adaptiveConnections`). */
  onConnectionLimitChange?(change: ConnectionLimitChange): void;
}

/** A change of a model's adaptive connection limit, as Inspect logs it in `stats.connection_limit_history`. */
export interface ConnectionLimitChange {
  /** Seconds since the epoch. */
  timestamp: number;
  /** `provider/name`. */
  model: string;
  old_limit: number;
  new_limit: number;
  reason: 'slow_start' | 'steady_state_up' | 'rate_limit';
}
