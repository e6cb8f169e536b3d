import { constants } from 'node:os';

/** Signal handling of a run: the first signal stops it gracefully, the second at once, the third exits. */
export interface InterruptController {
  /** Aborted by the first signal: no new samples start; those in flight get the grace period. */
  signal: AbortSignal;
  /** Aborted by the second signal: the samples in flight are cancelled now; the log is still written. */
  cancelNow: AbortSignal;
  /** The exit code for the first signal received (128 + its number: 130 SIGINT, 143 SIGTERM, 129 SIGHUP), if any. */
  readonly exitCode: number | undefined;
  dispose(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Listens for SIGINT, SIGTERM and SIGHUP, all handled alike. The first aborts `signal` (no new samples start, those in
 * flight get a grace period, and a `cancelled` log with every finished sample is written); the second aborts
 * `cancelNow` (the samples in flight are cancelled at once, and the `cancelled` log is written without waiting out the
 * grace period); a third exits at once, leaving the log as the last write left it (`assay eval-retry` still resumes it).
 */
export function createInterruptController(options: { writeError: (line: string) => void; graceSeconds: number }): InterruptController {
  const controller = new AbortController();
  const now = new AbortController();
  let exitCode: number | undefined;
  const onSignal = (name: NodeJS.Signals): void => {
    if (!controller.signal.aborted) {
      exitCode = 128 + constants.signals[name];
      options.writeError(
        `Cancelling: no new samples start; samples in flight get up to ${options.graceSeconds}s to finish (${name}). Press Ctrl-C again to stop them now.`,
      );
      controller.abort();
      return;
    }
    if (!now.signal.aborted) {
      options.writeError('Stopping now: samples in flight are cancelled and the log is written. Press Ctrl-C again to exit without waiting for it.');
      now.abort();
      return;
    }
    options.writeError('Exiting now; finished samples are in the log (`assay eval-retry LOG` resumes it).');
    process.exit(exitCode);
  };
  for (const name of SIGNALS) process.on(name, onSignal);
  return {
    signal: controller.signal,
    cancelNow: now.signal,
    get exitCode() {
      return exitCode;
    },
    dispose: () => {
      for (const name of SIGNALS) process.off(name, onSignal);
    },
  };
}
