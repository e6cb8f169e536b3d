import { existsSync } from 'node:fs';
import path from 'node:path';
import type { EvalLog } from '@assay/core';
import type { Command } from 'commander';
import { CliUsageError } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';

async function readAnyLog(file: string, headerOnly: boolean): Promise<EvalLog> {
  const { readEvalLog, recoverEvalLog, LogError } = await import('@assay/core');
  try {
    return await readEvalLog({ path: file, ...(headerOnly ? { headerOnly: true } : {}) });
  } catch (error) {
    if (!(error instanceof LogError) || error.code === 'member_size_exceeded' || !file.endsWith('.eval')) throw error;
    return await recoverEvalLog({ path: file, ...(headerOnly ? { headerOnly: true } : {}) });
  }
}

function targetPath(options: { file: string; output?: string; suffix: string; format: string }): string {
  if (options.output) return options.output;
  const base = options.file.replace(/\.(eval|json)$/i, '');
  return `${base}${options.suffix}.${options.format}`;
}

/** Registers `assay log dump|convert|schema|recover`. */
export function registerLogCommand(program: Command, context: CommandContext): void {
  const log = program.command('log').description('Read, convert and recover log files.');
  log
    .command('dump')
    .description('Print a log as JSON, NaN (unscored) written bare as Inspect does (an incomplete .eval is recovered first).')
    .argument('<log>', 'log file')
    .option('--header-only', 'leave out the samples')
    .addHelpText('after', '\nExamples:\n  assay log dump logs/run.eval | jq .results\n  assay log dump logs/run.eval --header-only')
    .action(async (file: string, flags: { headerOnly?: boolean }) => {
      const { location: _location, ...value } = await readAnyLog(file, flags.headerOnly === true);
      // As `inspect log dump`: unscored values print as bare NaN (JSON.stringify would print null).
      const { stringifyLogJson } = await import('@assay/core/log');
      context.write(stringifyLogJson({ value, indent: 2 }));
    });
  log
    .command('convert')
    .description('Convert a log between the .eval and .json formats.')
    .argument('<log>', 'log file')
    .requiredOption('--to <eval|json>', 'format to convert to')
    .option('--output <file>', 'where to write (default: beside the log, with the new extension)')
    .option('--overwrite', 'replace an existing file')
    .addHelpText('after', '\nExamples:\n  assay log convert logs/run.eval --to json\n  assay log convert logs/run.json --to eval --output /tmp/run.eval')
    .action(async (file: string, flags: { to: string; output?: string; overwrite?: boolean }) => {
      if (flags.to !== 'eval' && flags.to !== 'json') throw new CliUsageError(`--to must be eval or json, got "${flags.to}".`);
      const output = targetPath({ file, output: flags.output, suffix: '', format: flags.to });
      if (path.resolve(output) === path.resolve(file)) throw new CliUsageError(`${file} is already a .${flags.to} log.`);
      if (existsSync(output) && !flags.overwrite) throw new CliUsageError(`${output} exists; pass --overwrite to replace it.`);
      const { writeEvalLog } = await import('@assay/core');
      const value = await readAnyLog(file, false);
      await writeEvalLog({ log: value, path: output, format: flags.to });
      context.write(output);
    });
  log
    .command('schema')
    .description('Print the JSON Schema of the log format (generated from the zod schemas).')
    .addHelpText('after', '\nExamples:\n  assay log schema > eval-log.schema.json')
    .action(async () => {
      const { evalLogJsonSchema } = await import('@assay/core');
      context.write(JSON.stringify(evalLogJsonSchema(), null, 2));
    });
  log
    .command('recover')
    .description('Rebuild a complete log file from a log cut short by a crash (its samples kept, status unchanged).')
    .argument('<log>', '.eval file, or .json log (read with the journal of samples beside it)')
    .option('--output <file>', 'where to write (default: LOG with -recovered before the extension)')
    .option('--overwrite', 'replace an existing file')
    .addHelpText('after', '\nExamples:\n  assay log recover logs/2026-06-10T10-00-00+00-00_qa_Xb3k.eval\n  assay eval-retry logs/…_qa_Xb3k.eval   # or finish the run instead')
    .action(async (file: string, flags: { output?: string; overwrite?: boolean }) => {
      const format = /\.json$/i.test(file) ? 'json' : 'eval';
      if (format === 'eval' && !file.endsWith('.eval')) throw new CliUsageError(`${file}: only .eval and .json logs can be recovered.`);
      const output = targetPath({ file, output: flags.output, suffix: '-recovered', format });
      if (existsSync(output) && !flags.overwrite) throw new CliUsageError(`${output} exists; pass --overwrite to replace it.`);
      const { recoverEvalLog, writeEvalLog } = await import('@assay/core');
      const value = await recoverEvalLog({ path: file });
      await writeEvalLog({ log: value, path: output, format });
      context.write(`${output}: ${value.samples?.length ?? 0} samples recovered (status ${value.status}).`);
    });
}
