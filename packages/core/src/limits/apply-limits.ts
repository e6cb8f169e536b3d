import { AsyncLocalStorage } from 'node:async_hooks';
import { observeModelCalls } from '@assay/model';
import type { ModelCallEnd, ModelCallStart } from '@assay/model/spec';
import { currentTranscript } from '../events/transcript.js';
import { LimitExceededError } from '../solver/limit-exceeded-error.js';
import { type Limit, limitUsage, resetLimitUsage, workingSeconds } from './limit.js';
import { MissingModelCostError } from './missing-model-cost-error.js';
import { findModelCost, type ModelCostConfig, usageCost } from './model-cost.js';

/** One `applyLimits` scope: its limits, and the prices cost limits use inside it (set by the runner per sample). */
interface LimitScope {
  readonly limits: readonly Limit[];
  readonly costs?: ModelCostConfig;
}

const activeScopes = new AsyncLocalStorage<readonly LimitScope[]>();

/** Options of {@link applyLimits}. */
export interface ApplyLimitsOptions {
  limits: readonly Limit[];
  /** Return a limit of this scope that was exceeded as `limitError` instead of throwing it. @default false */
  catchErrors?: boolean;
  /** Model prices for cost limits inside the scope. @default the prices set with `setModelCosts` */
  costs?: ModelCostConfig;
}

/** What {@link applyLimits} returns with `catchErrors`: the result, or the error of the limit that stopped it. */
export type LimitScopeResult<TResult> = { result: TResult; limitError?: undefined } | { result?: undefined; limitError: LimitExceededError };

/**
 * Runs `fn` with `limits` applied to everything it does (Inspect's `with apply_limits(...)`). Scopes nest: usage
 * inside counts against every enclosing scope too. A limit exceeded raises a `LimitExceededError` whose `source`
 * is that limit; with `catchErrors`, this scope's own errors are returned as `limitError` (others still propagate).
 * @example const { limitError } = await applyLimits({ limits: [tokenLimit(5000)], catchErrors: true }, () => work());
 */
export function applyLimits<TResult>(
  options: ApplyLimitsOptions & { catchErrors: true },
  fn: () => Promise<TResult>,
): Promise<LimitScopeResult<TResult>>;
export function applyLimits<TResult>(options: ApplyLimitsOptions, fn: () => Promise<TResult>): Promise<TResult>;
export async function applyLimits<TResult>(
  options: ApplyLimitsOptions,
  fn: () => Promise<TResult>,
): Promise<TResult | LimitScopeResult<TResult>> {
  installObserver();
  for (const limit of options.limits) resetLimitUsage(limit);
  const scope: LimitScope = options.costs ? { limits: options.limits, costs: options.costs } : { limits: options.limits };
  const scopes = [...(activeScopes.getStore() ?? []), scope];
  try {
    const result = await activeScopes.run(scopes, () => withTimeLimits(options.limits, fn));
    return options.catchErrors ? { result } : result;
  } catch (error) {
    if (options.catchErrors && isLimitErrorOf(error, options.limits)) {
      // Only this scope stops (a sub-agent), not the sample: the transcript says so, as `sample_limit` does for samples.
      currentTranscript()?.record({ event: 'info', source: 'limit', data: error.message });
      return { limitError: error };
    }
    throw error;
  }
}

/** Whether `error` is a limit error raised by one of `limits`. */
export function isLimitErrorOf(error: unknown, limits: readonly Limit[]): error is LimitExceededError {
  return error instanceof LimitExceededError && error.source !== undefined && limits.includes(error.source as Limit);
}

/**
 * Checks the limits of the scopes running here: time and working time, and (given the conversation's length) the
 * message limits, which a conversation may reach but not pass. Agents call this after running tools.
 */
export function checkActiveLimits(options: { messages?: number } = {}): void {
  for (const scope of activeScopes.getStore() ?? []) {
    for (const limit of scope.limits) {
      if (limit.limit === null) continue;
      checkTimeLimits(limit);
      if (limit.type === 'message' && options.messages !== undefined) {
        limitUsage(limit).messages = options.messages;
        if (options.messages > limit.limit) throw messageError(limit, options.messages, limit.limit);
      }
    }
  }
}

function withTimeLimits<TResult>(limits: readonly Limit[], fn: () => Promise<TResult>): Promise<TResult> {
  const timed = limits.filter((limit) => limit.type === 'time' && limit.limit !== null);
  if (timed.length === 0) return fn();
  return new Promise<TResult>((resolve, reject) => {
    const timers = timed.map((limit) =>
      setTimeout(() => {
        limitUsage(limit).expired = true;
        finish(() => reject(timeError(limit)));
      }, (limit.limit ?? 0) * 1000),
    );
    let settled = false;
    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      settle();
    };
    // Work still running when the limit fires fails at its next model call (the scope is marked expired).
    fn().then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}

let observing = false;

function installObserver(): void {
  if (observing) return;
  observing = true;
  observeModelCalls({ onCallStart, onCallEnd });
}

function onCallStart(event: ModelCallStart): void {
  const scopes = activeScopes.getStore();
  if (!scopes) return;
  for (const scope of scopes) {
    for (const limit of scope.limits) {
      if (limit.limit === null) continue;
      checkTimeLimits(limit);
      if (limit.type === 'message') {
        const count = event.input.length;
        limitUsage(limit).messages = count;
        // A call with `limit` messages would take the conversation past it with the reply.
        if (count >= limit.limit) throw messageError(limit, count, limit.limit);
      }
    }
  }
}

function onCallEnd(event: ModelCallEnd): void {
  const scopes = activeScopes.getStore();
  if (!scopes || event.error !== undefined) return;
  const usage = event.output.usage;
  const tokens = usage ? usage.input_tokens + usage.output_tokens : 0;
  let dollars: number | undefined;
  const price = (): number => {
    if (dollars !== undefined) return dollars;
    const costs = [...scopes].reverse().find((scope) => scope.costs)?.costs;
    const cost = findModelCost({ model: event.model, costs });
    if (!cost) throw new MissingModelCostError({ model: event.model });
    dollars = usage && !event.cached ? usageCost(usage, cost) : 0;
    return dollars;
  };
  let exceeded: LimitExceededError | undefined;
  for (const scope of scopes) {
    for (const limit of scope.limits) {
      const measured = limitUsage(limit);
      measured.tokens += tokens;
      measured.waiting += event.waitingTime ?? 0;
      if (limit.type === 'cost') measured.cost += price();
      if (limit.limit === null || exceeded) continue;
      if (limit.type === 'token' && measured.tokens > limit.limit) {
        exceeded = new LimitExceededError({
          type: 'token',
          limit: limit.limit,
          value: measured.tokens,
          message: `Token limit exceeded. value: ${measured.tokens.toLocaleString('en-US')}; limit: ${limit.limit.toLocaleString('en-US')}`,
          source: limit,
        });
      } else if (limit.type === 'cost' && measured.cost > limit.limit) {
        exceeded = new LimitExceededError({
          type: 'cost',
          limit: limit.limit,
          value: measured.cost,
          message: `Cost limit exceeded. value: $${measured.cost.toFixed(4)}; limit: $${limit.limit}`,
          source: limit,
        });
      } else {
        try {
          checkTimeLimits(limit);
        } catch (error) {
          exceeded = error as LimitExceededError;
        }
      }
    }
  }
  if (exceeded) throw exceeded;
}

function checkTimeLimits(limit: Limit): void {
  if (limit.limit === null) return;
  const usage = limitUsage(limit);
  if (limit.type === 'time' && (usage.expired || (performance.now() - usage.started) / 1000 > limit.limit)) {
    throw timeError(limit);
  }
  if (limit.type === 'working') {
    const worked = workingSeconds(usage);
    if (worked > limit.limit) {
      throw new LimitExceededError({
        type: 'working',
        limit: limit.limit,
        value: worked,
        message: `Working time limit exceeded. value: ${worked.toFixed(1)} seconds; limit: ${limit.limit} seconds`,
        source: limit,
      });
    }
  }
}

function timeError(limit: Limit): LimitExceededError {
  const bound = limit.limit ?? 0;
  return new LimitExceededError({
    type: 'time',
    limit: bound,
    value: bound,
    message: `Time limit exceeded. limit: ${bound} seconds`,
    source: limit,
  });
}

function messageError(limit: Limit, count: number, bound: number): LimitExceededError {
  return new LimitExceededError({
    type: 'message',
    limit: bound,
    value: count,
    message: `Message limit ${count === bound ? 'reached' : 'exceeded'}. count: ${count.toLocaleString('en-US')}; limit: ${bound.toLocaleString('en-US')}`,
    source: limit,
  });
}
