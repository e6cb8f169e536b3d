/** A counting semaphore whose limit is set by each acquirer, so a raised limit applies at once. */
export interface Semaphore {
  readonly inFlight: number;
  readonly waiting: number;
  /** The limit in force. */
  readonly limit: number;
  /** Takes a slot if one is free under `limit` and nobody is queued; never waits. */
  tryAcquire(limit: number): boolean;
  /** Takes a slot, waiting in line for one; rejects with the signal's reason when it aborts first. */
  acquire(limit: number, signal?: AbortSignal): Promise<void>;
  release(): void;
  /** Changes the limit now; a raised limit wakes waiters at once. */
  setLimit(limit: number): void;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** Creates a FIFO semaphore; the limit in force is the one of the most recent acquirer. */
export function createSemaphore(): Semaphore {
  let inFlight = 0;
  let limit = 1;
  const waiters: Waiter[] = [];

  const grant = (): void => {
    while (waiters.length > 0 && inFlight < limit) {
      const waiter = waiters.shift() as Waiter;
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      inFlight++;
      waiter.resolve();
    }
  };

  const setLimit = (value: number): void => {
    const raised = value > limit;
    limit = value;
    if (raised) grant();
  };

  return {
    get inFlight() {
      return inFlight;
    },
    get waiting() {
      return waiters.length;
    },
    get limit() {
      return limit;
    },
    tryAcquire(value) {
      setLimit(value);
      if (waiters.length > 0 || inFlight >= limit) return false;
      inFlight++;
      return true;
    },
    acquire(value, signal) {
      if (this.tryAcquire(value)) return Promise.resolve();
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { resolve, reject };
        if (signal) {
          waiter.signal = signal;
          waiter.onAbort = () => {
            const index = waiters.indexOf(waiter);
            if (index >= 0) waiters.splice(index, 1);
            reject(signal.reason);
          };
          signal.addEventListener('abort', waiter.onAbort, { once: true });
        }
        waiters.push(waiter);
      });
    },
    release() {
      inFlight--;
      grant();
    },
    setLimit,
  };
}
