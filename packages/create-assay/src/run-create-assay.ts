import path from 'node:path';
import { parseArgs } from 'node:util';
import { CreateAssayError } from './create-assay-error.js';
import { createProject } from './create-project.js';
import { packageManager } from './package-manager.js';

/** The folder create-assay makes when given no name. */
export const defaultDirectory = 'assay-evals';

const help = `Usage: create-assay [directory]

Makes a new Assay eval project in <directory> (default: ${defaultDirectory}): a task, its test on the
mock model, package.json, tsconfig.json, .env.example, .gitignore and a README. The folder must not
exist or be empty; nothing is ever overwritten. Nothing is asked: the command never prompts.

Options:
  -h, --help     print this help

Examples:
  npm create assay@latest my-evals
  npx create-assay my-evals
`;

/** Where create-assay writes; the streams of the process by default. */
interface Output {
  write(text: string): unknown;
}

function nextSteps(options: { relative: string; manager: string }): string {
  const run = options.manager === 'npm' ? 'npm run' : options.manager;
  const step = (command: string, comment: string): string => `  ${command.padEnd(18)} # ${comment}`;
  const cd = options.relative.includes(' ') ? JSON.stringify(options.relative) : options.relative;
  return [
    '',
    'Next steps:',
    ...(options.relative === '' ? [] : [`  cd ${cd}`]),
    step(`${options.manager} install`, 'the @assay packages, typescript and vitest'),
    step(`${options.manager} test`, "the task's test, on the mock model"),
    step(`${run} eval`, 'assay eval src/task.ts --model mockllm/model'),
    '',
    'Put model keys in .env (see .env.example), then: npx assay eval src/task.ts --model openai/gpt-4o-mini',
    '',
  ].join('\n');
}

/**
 * Runs the `create-assay` command and resolves to its exit code: 0, or 2 for a usage error (the message on stderr).
 * @example process.exitCode = await runCreateAssay({ args: process.argv.slice(2) });
 */
export async function runCreateAssay(options: {
  /** The command-line arguments, without `node` and the script. */
  args: readonly string[];
  /** @default process.cwd() */
  cwd?: string;
  /** @default process.stdout */
  stdout?: Output;
  /** @default process.stderr */
  stderr?: Output;
  /** Names the package manager in the next steps. @default process.env.npm_config_user_agent */
  userAgent?: string;
}): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const cwd = options.cwd ?? process.cwd();
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...options.args], options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
    } catch (error) {
      throw new CreateAssayError({ code: 'invalid_arguments', message: `${(error as Error).message}. See create-assay --help.` });
    }
    if (parsed.values.help) {
      stdout.write(help);
      return 0;
    }
    if (parsed.positionals.length > 1) {
      throw new CreateAssayError({
        code: 'invalid_arguments',
        message: `create-assay takes one folder name, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}. See create-assay --help.`,
      });
    }
    const directory = path.resolve(cwd, parsed.positionals[0] ?? defaultDirectory);
    const project = await createProject({ directory });
    const relative = path.relative(cwd, project.directory);
    stdout.write(`Created ${project.name} in ${project.directory}: ${project.files.join(', ')}\n`);
    stdout.write(nextSteps({ relative, manager: packageManager({ userAgent: options.userAgent ?? process.env.npm_config_user_agent }) }));
    return 0;
  } catch (error) {
    if (error instanceof CreateAssayError) {
      stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
