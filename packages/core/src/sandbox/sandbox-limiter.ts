import type { SandboxProvider } from './define-sandbox.js';

/** Hands out slots for sample environments, one limit per provider type (Inspect's `sandboxes/<type>` semaphore). */
export interface SandboxLimiter {
  /**
   * Waits for a slot of `provider`'s type and returns the function that frees it. Rejects with the signal's reason
   * when `signal` aborts while waiting.
   */
  acquire(options: { provider: SandboxProvider; signal?: AbortSignal }): Promise<() => void>;
}

interface Slots {
  limit: number;
  used: number;
  waiting: Array<() => void>;
}

/**
 * Creates the limiter of one eval: at most `maxSandboxes` sample environments (`--max-sandboxes`) of each provider
 * type at once, else the provider's `defaultConcurrency()`, else no limit.
 */
export function createSandboxLimiter(options: { maxSandboxes?: number }): SandboxLimiter {
  const byType = new Map<string, Slots | null>();
  const slotsOf = (provider: SandboxProvider): Slots | null => {
    if (!byType.has(provider.name)) {
      const limit = options.maxSandboxes ?? provider.defaultConcurrency?.();
      byType.set(provider.name, limit === undefined ? null : { limit: Math.max(1, limit), used: 0, waiting: [] });
    }
    return byType.get(provider.name) ?? null;
  };
  return {
    async acquire({ provider, signal }) {
      const slots = slotsOf(provider);
      if (!slots) return () => undefined;
      if (slots.used >= slots.limit) {
        await new Promise<void>((resolve, reject) => {
          const onAbort = (): void => {
            slots.waiting.splice(slots.waiting.indexOf(grant), 1);
            reject(signal?.reason);
          };
          const grant = (): void => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          };
          if (signal?.aborted) return reject(signal.reason);
          slots.waiting.push(grant);
          signal?.addEventListener('abort', onAbort, { once: true });
        });
      } else {
        slots.used++;
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        // The slot passes straight to the next waiter, so `used` counts it still.
        const next = slots.waiting.shift();
        if (next) next();
        else slots.used--;
      };
    },
  };
}
