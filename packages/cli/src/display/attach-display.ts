import type { EvalEventEmitter, EvalEvents } from '@assay/core';
import { noColors, type Colors } from '../create-colors.js';
import { progressFigures, trackProgress, type TaskProgress } from './task-progress.js';

/** A progress display listening to a run's events. */
export interface RunDisplay {
  /** Stops listening and leaves the final state on screen. */
  stop(): void;
}

/** Options of {@link attachDisplay}. */
export interface AttachDisplayOptions {
  mode: 'full' | 'plain' | 'none';
  events: EvalEventEmitter;
  valueToFloat: (value: unknown) => number;
  write: (line: string) => void;
  /** Seconds between plain progress lines of a task. @default 2 */
  plainInterval?: number;
  /** Connections in use to a model and their limit, shown on each progress line. */
  connections?: (model: string) => { inUse: number; limit: number };
  /** Colours of the output. @default none */
  colors?: Colors;
  /** The terminal the live (`full`) display draws on. @default process.stdout */
  stream?: NodeJS.WriteStream;
}

const barWidth = 24;

function bar(progress: TaskProgress): string {
  const filled = progress.total > 0 ? Math.round((progress.done / progress.total) * barWidth) : barWidth;
  return `${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}`;
}

function listen(events: EvalEventEmitter, listeners: ReturnType<typeof trackProgress>['listeners']): () => void {
  const entries = Object.entries(listeners) as Array<[keyof EvalEvents, (...args: unknown[]) => void]>;
  for (const [name, listener] of entries) events.on(name, listener);
  return () => {
    for (const [name, listener] of entries) events.off(name, listener);
  };
}

/** Shows a run's progress: a live bar per task on a terminal (`full`), a line at a time (`plain`), or nothing. */
export async function attachDisplay(options: AttachDisplayOptions): Promise<RunDisplay> {
  if (options.mode === 'none') return { stop: () => undefined };
  const { onInputScreen } = await import('@assay/core');
  const colors = options.colors ?? noColors;
  const figures = (progress: TaskProgress, now: number): string =>
    progressFigures(progress, { now, connections: options.connections?.(progress.model) });
  if (options.mode === 'plain') {
    // While a human approver asks its question, progress lines wait, then follow in order.
    let held: string[] | undefined;
    const write = (line: string): void => {
      if (held) held.push(line);
      else options.write(line);
    };
    const offInputScreen = onInputScreen({
      pause: () => {
        held ??= [];
      },
      resume: () => {
        const lines = held ?? [];
        held = undefined;
        for (const line of lines) options.write(line);
      },
    });
    const interval = (options.plainInterval ?? 2) * 1000;
    const lastLine = new Map<string, number>();
    const { listeners } = trackProgress({
      valueToFloat: options.valueToFloat,
      onChange: (progress, change) => {
        const label = colors.bold(`${progress.task} · ${progress.model}`);
        if (change === 'start') {
          const reused = progress.reused > 0 ? ` (${progress.reused} reused from earlier logs)` : '';
          write(`${label}: ${progress.total} samples${reused}, log ${progress.logPath}`);
          lastLine.set(progress.key, Date.now());
        } else if (change === 'error') {
          write(`${label}: ${colors.red(progress.lastError ?? 'sample error')}`);
        } else if (change === 'sample') {
          const now = Date.now();
          if (now - (lastLine.get(progress.key) ?? 0) >= interval || progress.done === progress.total) {
            lastLine.set(progress.key, now);
            write(`${label}: ${figures(progress, now)}`);
          }
        }
      },
    });
    const unlisten = listen(options.events, listeners);
    return {
      stop: () => {
        unlisten();
        offInputScreen();
      },
    };
  }
  const { createLogUpdate } = await import('log-update');
  const render = createLogUpdate(options.stream ?? process.stdout, { showCursor: true });
  let timer: NodeJS.Timeout | undefined;
  const { tasks, listeners } = trackProgress({ valueToFloat: options.valueToFloat, onChange: () => schedule() });
  // While a human approver asks its question the live display is cleared and not redrawn.
  let paused = false;
  const offInputScreen = onInputScreen({
    pause: () => {
      paused = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      render.clear();
    },
    resume: () => {
      paused = false;
      schedule();
    },
  });
  const draw = (): void => {
    timer = undefined;
    if (paused) return;
    const now = Date.now();
    const lines: string[] = [];
    for (const progress of tasks.values()) {
      const state = progress.status ? ` ${progress.status === 'success' ? colors.green(progress.status) : colors.yellow(progress.status)}` : '';
      lines.push(`${colors.bold(`${progress.task} · ${progress.model}`)}${state}  ${colors.green(bar(progress))}`);
      lines.push(`  ${figures(progress, now)}`);
      if (progress.lastError) lines.push(`  ${colors.red(`last error: ${progress.lastError.slice(0, 200)}`)}`);
    }
    render(lines.join('\n'));
  };
  // Redrawn at most ten times a second, however fast samples finish; and each second, for the clock.
  const schedule = (): void => {
    timer ??= setTimeout(draw, 100);
  };
  const clock = setInterval(schedule, 1000);
  clock.unref();
  const unlisten = listen(options.events, listeners);
  return {
    stop: () => {
      unlisten();
      offInputScreen();
      paused = false;
      clearInterval(clock);
      if (timer) clearTimeout(timer);
      draw();
      render.done();
    },
  };
}
