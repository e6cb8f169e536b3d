import type { LimitType } from '../solver/limit-exceeded-error.js';

/** The kinds of limit that can be scoped with `applyLimits` (and `run()` or `handoff()`). */
export type ScopedLimitType = Extract<LimitType, 'token' | 'message' | 'time' | 'working' | 'cost'>;

/** A limit on what the code inside a scope may use, as Inspect's `token_limit()`, `working_limit()`, …. */
export interface Limit {
  readonly type: ScopedLimitType;
  /** The bound (tokens, messages, seconds or dollars); `null` does not limit but still measures usage. */
  readonly limit: number | null;
  /** What the scope used so far (for a message limit, the messages of the last conversation checked). */
  readonly usage: number;
}

/** What a limit measures while its scope runs. Kept off the public object so user code cannot change it. */
export interface LimitUsage {
  tokens: number;
  cost: number;
  messages: number;
  /** Seconds spent waiting (for connections, between retries), not working. */
  waiting: number;
  /** `performance.now()` when the scope was entered. */
  started: number;
  /** Set once a time limit fired: later model calls in the scope fail at once. */
  expired: boolean;
}

const usages = new WeakMap<Limit, LimitUsage>();

/** The usage record of a limit (created fresh each time its scope is entered). */
export function limitUsage(limit: Limit): LimitUsage {
  let usage = usages.get(limit);
  if (!usage) {
    usage = { tokens: 0, cost: 0, messages: 0, waiting: 0, started: performance.now(), expired: false };
    usages.set(limit, usage);
  }
  return usage;
}

/** Starts measuring `limit` afresh (entering its scope). */
export function resetLimitUsage(limit: Limit): void {
  usages.set(limit, { tokens: 0, cost: 0, messages: 0, waiting: 0, started: performance.now(), expired: false });
}

/** Seconds worked in the limit's scope: time since it was entered, less the time spent waiting. */
export function workingSeconds(usage: LimitUsage): number {
  return Math.max(0, (performance.now() - usage.started) / 1000 - usage.waiting);
}

function createLimit(type: ScopedLimitType, limit: number | null): Limit {
  if (limit !== null && !(typeof limit === 'number' && Number.isFinite(limit) && limit >= 0)) {
    throw new TypeError(`${type} limit must be a number >= 0 or null, got ${String(limit)}.`);
  }
  const created: Limit = {
    type,
    limit,
    get usage(): number {
      const usage = limitUsage(created);
      switch (type) {
        case 'token':
          return usage.tokens;
        case 'cost':
          return usage.cost;
        case 'message':
          return usage.messages;
        case 'time':
          return (performance.now() - usage.started) / 1000;
        case 'working':
          return workingSeconds(usage);
      }
    },
  };
  return created;
}

/**
 * Limits the tokens (input + output, every model) used inside a scope.
 * @example const [state, error] = await run(researcher, 'Find it', { limits: [tokenLimit(20_000)] });
 */
export function tokenLimit(limit: number | null): Limit {
  return createLimit('token', limit);
}

/**
 * Limits the messages of a conversation inside a scope: a model call with this many messages or more fails.
 * @example handoff(researcher, { limits: [messageLimit(30)] })
 */
export function messageLimit(limit: number | null): Limit {
  return createLimit('message', limit);
}

/**
 * Limits the clock time (seconds) of a scope.
 * @example await applyLimits({ limits: [timeLimit(60)] }, () => run(agent, input))
 */
export function timeLimit(limit: number | null): Limit {
  return createLimit('time', limit);
}

/**
 * Limits the working time (seconds) of a scope: clock time less the time spent waiting for model connections
 * and between retries (rate limits), so a busy provider does not use up the budget.
 * @example run(agent, input, { limits: [workingLimit(600)] })
 */
export function workingLimit(limit: number | null): Limit {
  return createLimit('working', limit);
}

/**
 * Limits the cost (dollars) of the model calls of a scope, priced with the model cost table (`modelCostConfig`).
 * @example run(agent, input, { limits: [costLimit(0.5)] })
 */
export function costLimit(limit: number | null): Limit {
  return createLimit('cost', limit);
}
