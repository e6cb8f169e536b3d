/** The listeners of each signal given to {@link onAbort}, behind the one `abort` listener added to the signal. */
const listenersOf = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `listener` once when `signal` aborts; the function returned removes it. All the listeners given for a signal
 * share one `abort` listener on it, kept in a set: Node's `EventTarget` looks through a signal's listeners on every
 * add and remove, and the run's signal has two per sample in flight (see `guarded`), so with a hundred samples in
 * flight each add and remove cost tens of microseconds (measured with `pnpm bench`'s provider run, where it was 3% of
 * the run's CPU).
 */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  let listeners = listenersOf.get(signal);
  if (!listeners) {
    const created = new Set<() => void>();
    listeners = created;
    listenersOf.set(signal, created);
    signal.addEventListener(
      'abort',
      () => {
        listenersOf.delete(signal);
        // A listener removed by an earlier one is not called (as with removeEventListener during dispatch).
        for (const each of [...created]) if (created.has(each)) each();
      },
      { once: true },
    );
  }
  // Each call is its own entry, even for the same function.
  const entry = (): void => listener();
  listeners.add(entry);
  const added = listeners;
  return () => {
    added.delete(entry);
  };
}
