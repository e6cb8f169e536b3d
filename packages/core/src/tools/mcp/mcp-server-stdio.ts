import { createMcpServer } from './create-mcp-server.js';
import type { McpServer } from './mcp-server.js';

/** Options of {@link mcpServerStdio}. */
export interface McpServerStdioOptions {
  /** Human-readable name. @default the command and its arguments */
  name?: string;
  /** Executable that starts the server. */
  command: string;
  args?: string[];
  /**
   * Environment variables, added to a minimal default set (`HOME`, `PATH`, `USER`, …); every value is treated as a
   * secret and removed from tool results, errors and logs.
   */
  env?: Record<string, string>;
  /** Working directory of the server process. */
  cwd?: string;
}

/**
 * An MCP server run locally as a child process, spoken to over its stdin and stdout (Inspect's `mcp_server_stdio`).
 * @example mcpServerStdio({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '.'] })
 */
export function mcpServerStdio(options: McpServerStdioOptions): McpServer {
  const { command, args = [], env = {}, cwd } = options;
  return createMcpServer({
    name: options.name ?? [command, ...args].join(' '),
    transport: 'stdio',
    secrets: Object.values(env),
    createTransport: async () => {
      // Imported when first used, as the MCP client is (see create-mcp-server.ts).
      const { getDefaultEnvironment, StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
      // The server's error output is kept (for errors, redacted), never passed to the terminal: it may print its env.
      const transport = new StdioClientTransport({
        command,
        args,
        env: { ...getDefaultEnvironment(), ...env },
        stderr: 'pipe',
        ...(cwd !== undefined ? { cwd } : {}),
      });
      return { transport, stderr: transport.stderr as NodeJS.ReadableStream | null };
    },
  });
}
