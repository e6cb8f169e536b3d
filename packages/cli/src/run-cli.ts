import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import type { CommandContext } from './command-context.js';
import { registerCacheCommand } from './commands/cache-command.js';
import { registerEvalCommand } from './commands/eval-command.js';
import { registerEvalRetryCommand } from './commands/eval-retry-command.js';
import { registerEvalSetCommand } from './commands/eval-set-command.js';
import { registerListCommand } from './commands/list-command.js';
import { registerLogCommand } from './commands/log-command.js';
import { registerSandboxCommand } from './commands/sandbox-command.js';
import { registerScoreCommand } from './commands/score-command.js';
import { registerViewCommand } from './commands/view-command.js';
import { stripTerminalControls } from './strip-terminal-controls.js';

// package.json is one level up from both src/ (tests) and dist/ (the built CLI).
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** Error codes that mean the command was given bad input (exit code 2) rather than failing while running. */
const usageErrorCodes = new Set([
  'cli_usage',
  'approval_policy_invalid',
  'approver_options_invalid',
  'task_options_invalid',
  'unknown_provider',
  'invalid_model_id',
  'missing_api_key',
  'no_model',
  'dataset_error',
  'solver_options',
  'invalid_options',
  'task_file_missing',
  'task_file_refused',
  'model_base_url_mismatch',
  'model_args_redacted',
  'task_not_found',
  'unsupported_format',
  'unknown_option',
  'empty_selection',
  'eval_options_invalid',
  'invalid_model_args',
  'sandbox_config',
]);

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** Arguments after the program name. */
  argv: readonly string[];
  /** Where normal output goes. @default process.stdout */
  write?: (line: string) => void;
  /** Where errors go. @default process.stderr */
  writeError?: (line: string) => void;
}

/**
 * Runs the `assay` command line and returns its exit code (0 ok, 1 eval error, 2 usage error, 3 a metric below
 * `--fail-under`, 130 cancelled;
 * 143 and 129 when cancelled by SIGTERM and SIGHUP).
 * Commands import `@assay/core` only when they run, so `assay --help` starts fast.
 */
export async function runCli(options: RunCliOptions): Promise<number> {
  const write = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const writeError = options.writeError ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const debug = options.argv.includes('--debug');
  let exitCode = 0;
  const context: CommandContext = { write, writeError, setExitCode: (code) => void (exitCode = code) };
  const program = new Command('assay')
    .description('Evaluate AI models: run tasks, write Inspect-compatible logs.')
    .version(version, '-V, --version', 'print the version of assay')
    .option('--debug', 'show stack traces')
    .exitOverride()
    .configureOutput({ writeOut: (text) => write(text.trimEnd()), writeErr: (text) => writeError(text.trimEnd()) })
    .addHelpText(
      'after',
      `
Examples:
  assay eval examples/hello-world/task.ts --model mockllm/model
  assay eval-set tasks.ts --model openai/gpt-4o --log-dir logs/set-1
  assay eval-retry logs/<log>.eval
  assay list logs

Run "assay <command> --help" for a command's options and examples.`,
    );
  // Commander applies exitOverride and output settings to subcommands created after they are set.
  registerEvalCommand(program, context);
  registerEvalSetCommand(program, context);
  registerEvalRetryCommand(program, context);
  registerScoreCommand(program, context);
  registerListCommand(program, context);
  registerLogCommand(program, context);
  registerCacheCommand(program, context);
  registerSandboxCommand(program, context);
  registerViewCommand(program, context);
  try {
    await program.parseAsync(options.argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const code = (error as { code?: unknown }).code;
    const explicit = (error as { exitCode?: number }).exitCode;
    const status = typeof explicit === 'number' ? explicit : typeof code === 'string' && usageErrorCodes.has(code) ? 2 : 1;
    const message = stripTerminalControls(error instanceof Error ? error.message : String(error));
    writeError(debug && error instanceof Error && error.stack ? error.stack : `error: ${message}`);
    return status;
  }
}
