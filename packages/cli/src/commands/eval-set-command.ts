import type { Command } from 'commander';
import { CliUsageError } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';
import { addEvalFlags, displayMode, evalOptionsFromFlags, type EvalFlags } from '../eval-flags.js';
import { parseNumberFlag } from '../parse-number-flag.js';
import { addReportFlags, reportOptionsFromFlags, type ReportFlags } from '../report/report-flags.js';
import { runEvalCommand } from '../run-with-display.js';
import { createTasks } from './eval-command.js';

/** Registers `assay eval-set`. */
export function registerEvalSetCommand(program: Command, context: CommandContext): void {
  const command = program
    .command('eval-set')
    .description('Run tasks × models into one log directory; run again, it skips what succeeded and resumes the rest.')
    .argument('<files...>', 'task files, optionally FILE@task to pick one task')
    .option('-T <key=value>', 'task option (repeatable)', (value: string, previous: string[]) => [...previous, value], [])
    .option('--retry-attempts <n>', 'further attempts of a task that did not succeed (default 10)')
    .option('--retry-wait <seconds>', 'wait before the first further attempt, doubling each time (default 30)');
  addReportFlags(addEvalFlags(command))
    .addHelpText(
      'after',
      `
--log-dir is required: it is the set. Finished samples of interrupted or failed logs there are reused.

Examples:
  assay eval-set tasks.ts --model openai/gpt-4o --log-dir logs/set-1
  assay eval-set a.ts b.ts --model mockllm/model --model openai/gpt-4o-mini --log-dir logs/set-2 --retry-attempts 3`,
    )
    .action(async (files: string[], flags: EvalFlags & ReportFlags & { T: string[]; retryAttempts?: string; retryWait?: string }) => {
      if (!flags.logDir) throw new CliUsageError('eval-set needs --log-dir: the directory that holds the set.');
      const options = evalOptionsFromFlags(flags);
      const mode = displayMode(flags);
      const report = reportOptionsFromFlags(flags);
      const retryAttempts = parseNumberFlag('--retry-attempts', flags.retryAttempts);
      const retryWait = parseNumberFlag('--retry-wait', flags.retryWait);
      const tasks = await createTasks(files, flags.T);
      const { evalSet } = await import('@assay/core');
      await runEvalCommand({
        context,
        mode,
        cancelGrace: options.cancelGrace,
        report,
        run: async ({ events, signal, cancelNow, warn }) => {
          const result = await evalSet({
            ...options,
            tasks,
            logDir: flags.logDir!,
            events,
            signal,
            cancelNow,
            onWarning: warn,
            ...(retryAttempts !== undefined ? { retryAttempts } : {}),
            ...(retryWait !== undefined ? { retryWait } : {}),
            onRetry: ({ task, model, attempt, waitSeconds }) =>
              context.writeError(`${task} · ${model} did not succeed; attempt ${attempt + 1} in ${waitSeconds}s.`),
          });
          return result.logs;
        },
      });
    });
}
