import type { Command } from 'commander';
import { CliUsageError } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';

/** Registers `assay sandbox cleanup [TYPE] [ID]` (Inspect's `inspect sandbox cleanup`). */
export function registerSandboxCommand(program: Command, context: CommandContext): void {
  const { write } = context;
  const command = program.command('sandbox').description('Manage sandbox environments.');
  command
    .command('cleanup')
    .description('remove sandbox environments that killed runs left behind (or, with an ID, that one)')
    .argument('[type]', 'sandbox type (local, bwrap, docker); every registered type when left out')
    .argument('[id]', 'the one environment to remove (a directory or container name, as --no-sandbox-cleanup printed it)')
    .addHelpText(
      'after',
      `
Without an ID, only environments whose run is no longer alive are removed; a running eval's are left alone.

Examples:
  assay sandbox cleanup
  assay sandbox cleanup local
  assay sandbox cleanup docker assay-3kTb9x-default-1`,
    )
    .action(async (type: string | undefined, id: string | undefined) => {
      const { builtinSandboxes, resolveSandboxProvider, sandboxProviderNames } = await import('@assay/core');
      const names = type !== undefined ? [type] : [...new Set([...builtinSandboxes.map((provider) => provider.name), ...sandboxProviderNames()])].sort();
      let removed = 0;
      for (const name of names) {
        const provider = resolveSandboxProvider(name);
        if (!provider.cliCleanup) {
          if (type !== undefined) throw new CliUsageError(`The ${name} sandbox has no cleanup of left-behind environments.`);
          continue;
        }
        for (const item of await provider.cliCleanup(id === undefined ? {} : { id })) {
          write(`removed ${name} ${item}`);
          removed++;
        }
      }
      if (id !== undefined && removed === 0) throw new CliUsageError(`No ${type} sandbox environment "${id}" to remove.`);
      if (removed === 0) write(`Nothing to clean up (${names.join(', ')}).`);
    });
}
