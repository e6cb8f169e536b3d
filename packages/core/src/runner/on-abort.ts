/** The listeners of each signal given to {@link onAbort}, behind the one `abort` listener added to the signal. */
const listenersOf = new WeakMap<AbortSignal, (() => void)[]>();

/**
 * Calls `listener` once when `signal` aborts (listeners are called in no particular order); the function returned
 * removes it. All the listeners given for a signal
 * share one `abort` listener on it: Node's `EventTarget` looks through a signal's listeners on every add and remove,
 * and the run's signal has two per sample in flight (see `guarded`), so with a hundred samples in flight each add and
 * remove cost tens of microseconds (3 % of the CPU of `bench/cli-provider-bench.ts`'s run). They are kept in an array
 * (a removal moves the last one into its place), not a Set: a long-lived Set that gains and loses entries for every
 * sample made V8 promote what the entries held (see the live sample buffer).
 */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  let listeners = listenersOf.get(signal);
  if (!listeners) {
    const created: (() => void)[] = [];
    listeners = created;
    listenersOf.set(signal, created);
    signal.addEventListener(
      'abort',
      () => {
        listenersOf.delete(signal);
        // A listener removed by an earlier one is not called (as with removeEventListener during dispatch).
        for (const each of [...created]) if (created.includes(each)) each();
      },
      { once: true },
    );
  }
  // Each call is its own entry, even for the same function.
  const entry = (): void => listener();
  listeners.push(entry);
  const added = listeners;
  return () => {
    const index = added.indexOf(entry);
    if (index === -1) return;
    added[index] = added[added.length - 1]!;
    added.pop();
  };
}
