import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { addRunFlags, displayMode, runOptionsFromFlags, type EvalFlags } from '../eval-flags.js';
import { loadTasks } from '../load-tasks.js';
import { addReportFlags, reportOptionsFromFlags, type ReportFlags } from '../report/report-flags.js';
import { runEvalCommand } from '../run-with-display.js';

/** Registers `assay eval-retry`. */
export function registerEvalRetryCommand(program: Command, context: CommandContext): void {
  const command = program
    .command('eval-retry')
    .description('Rerun failed, cancelled or interrupted logs with the same task, model and options, reusing finished samples.')
    .argument('<logs...>', 'log files to finish (.eval or .json; a log cut short by a crash is recovered)')
    .option('--task-file <file>', 'use this task file instead of the one the log names (needed when that one is not inside the current directory)')
    .option('--allow-base-url-change', 'run although the log recorded another model base URL than configured here');
  addReportFlags(addRunFlags(command))
    .addHelpText(
      'after',
      `
The new log (beside the old one unless --log-dir is given) holds every sample; the old log is kept.
A log is data, not code: the task file it names is loaded only when it is an ordinary task file inside the current
directory (after symbolic links; not in node_modules, not a script or a package's CLI), else pass --task-file; a
model base URL recorded in it must match this machine's configuration (or pass --allow-base-url-change).

Examples:
  assay eval-retry logs/2026-06-10T10-00-00+00-00_qa_Xb3k.eval
  assay eval-retry logs/*_qa_*.eval --max-connections 4`,
    )
    .action(async (logs: string[], flags: Partial<EvalFlags> & ReportFlags & { taskFile?: string; allowBaseUrlChange?: boolean }) => {
      const options = runOptionsFromFlags(flags);
      const mode = displayMode(flags);
      const report = reportOptionsFromFlags(flags);
      const { evalRetry, taskFromModule } = await import('@assay/core');
      await runEvalCommand({
        context,
        mode,
        cancelGrace: options.cancelGrace,
        report,
        run: ({ events, signal, cancelNow, warn }) =>
          evalRetry({
            ...options,
            log: logs,
            events,
            signal,
            cancelNow,
            onWarning: warn,
            ...(flags.taskFile ? { taskFile: flags.taskFile } : {}),
            ...(flags.allowBaseUrlChange ? { allowBaseUrlChange: true } : {}),
            loadTask: async ({ file, task, args }) => {
              const [loaded] = await loadTasks(`${file}@${task}`);
              if (!loaded) return taskFromModule({ module: {}, file, task, args });
              return loaded.create(args);
            },
          }),
      });
    });
}
