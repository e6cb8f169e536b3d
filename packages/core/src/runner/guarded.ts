import { LimitExceededError } from '../solver/limit-exceeded-error.js';
import { onAbort } from './on-abort.js';

/** Thrown inside a sample when the run is cancelled. */
export class SampleCancelled extends Error {}

/** An AbortController that also aborts when `parent` does; `dispose` detaches it. */
export function linkedController(parent: AbortSignal): AbortController & { dispose: () => void } {
  const controller = new AbortController();
  if (!parent.aborted) return Object.assign(controller, { dispose: onAbort(parent, () => controller.abort()) });
  controller.abort();
  return Object.assign(controller, { dispose: () => undefined });
}

/**
 * Races `work` against the run's abort signal and the sample's time limit. (Settled by hand rather than with an async
 * function around `Promise.race`: this runs twice per sample, and every promise costs more while async context is
 * tracked.)
 */
export function guarded<TResult>(options: {
  work: () => Promise<TResult>;
  signal: AbortSignal;
  timeLimit?: number;
  /** Called when the time limit fires, before the race is lost: stops the work's model calls. */
  onTimeLimit?: () => void;
}): Promise<TResult> {
  const { signal, timeLimit } = options;
  if (signal.aborted) return Promise.reject(new SampleCancelled());
  return new Promise<TResult>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const stop = (): void => {
      if (timer) clearTimeout(timer);
      stopListening();
    };
    const stopListening = onAbort(signal, () => {
      stop();
      reject(new SampleCancelled());
    });
    if (timeLimit !== undefined) {
      timer = setTimeout(() => {
        options.onTimeLimit?.();
        stop();
        reject(new LimitExceededError({ type: 'time', limit: timeLimit, value: timeLimit }));
      }, timeLimit * 1000);
    }
    let work: Promise<TResult>;
    try {
      work = options.work();
    } catch (error) {
      stop();
      reject(error);
      return;
    }
    work.then(
      (value) => {
        stop();
        resolve(value);
      },
      (error: unknown) => {
        stop();
        reject(error);
      },
    );
  });
}
