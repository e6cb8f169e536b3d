import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliUsageError } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';

interface ViewCommandOptions {
  logDir?: string;
  host: string;
  port: string;
  token?: string;
}

function defaultLogDir(): string {
  return process.env.ASSAY_LOG_DIR ?? './logs';
}

// The viewer's start-up refusals (no token off loopback, a short token, no log directory) are usage errors.
function usageError(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  return code === 'token_required' || code === 'token_too_short' || code === 'log_dir_not_found' ? new CliUsageError((error as Error).message) : error;
}

/** Registers `assay view` (serve the log viewer) and `assay view bundle` (write it as a static site). */
export function registerViewCommand(program: Command, context: CommandContext): void {
  const view = program
    .command('view')
    .description('Open the log viewer on a directory of logs (new and running logs show up live).')
    .option('--log-dir <dir>', 'directory of logs, searched recursively (default: $ASSAY_LOG_DIR or ./logs)')
    .option('--host <host>', 'address to bind; anything but loopback needs --token', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '7575')
    .option('--token <token>', 'a secret of 16+ characters required in the URL (needed when --host is not loopback)')
    .addHelpText('after', '\nExamples:\n  assay view\n  assay view --log-dir logs/set-1 --port 8080\n  assay view bundle --log-dir logs --output-dir site')
    .action(async (options: ViewCommandOptions) => {
      const { serveLogViewer } = await import('@assay/log-viewer');
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliUsageError(`--port expects a port number, got "${options.port}".`);
      const server = await serveLogViewer({
        logDir: resolve(options.logDir ?? defaultLogDir()),
        host: options.host,
        port,
        ...(options.token !== undefined ? { token: options.token } : {}),
      }).catch((error: unknown) => {
        throw usageError(error);
      });
      context.write(`Assay log viewer: ${server.url}  (logs in ${resolve(options.logDir ?? defaultLogDir())}; Ctrl+C to stop)`);
      await new Promise<void>((done) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
  view
    .command('bundle')
    .description('Write the viewer and the logs as a static site that any static web server can host.')
    .requiredOption('--output-dir <dir>', 'where to write the site')
    .option('--log-dir <dir>', 'directory of logs (default: $ASSAY_LOG_DIR or ./logs)')
    .action(async (options: { outputDir: string; logDir?: string }) => {
      const { writeStaticViewer } = await import('@assay/log-viewer');
      const logDir = resolve(options.logDir ?? view.opts<ViewCommandOptions>().logDir ?? defaultLogDir());
      const result = await writeStaticViewer({ logDir, outDir: resolve(options.outputDir) }).catch((error: unknown) => {
        throw usageError(error);
      });
      context.write(`Wrote the log viewer with ${result.logs.length} log(s) to ${result.outDir}`);
    });
}
