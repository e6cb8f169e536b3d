import type { Tool } from '../tool.js';

/**
 * A connection to an MCP server, made by `mcpServerStdio` or `mcpServerHttp`. It starts on first use; inside a task it
 * stops with the task. Its enumerable fields are what a log may show: never the env or headers.
 */
export interface McpServer {
  readonly type: 'mcp_server';
  /** Human-readable name: `command args` or the URL (with credentials in it masked), unless given. */
  readonly name: string;
  readonly transport: 'stdio' | 'http';
  /** Every tool the server offers, connecting (or starting it) first if needed. */
  tools(): Promise<Tool[]>;
  /** Disconnects (and stops a stdio server's process). The next use starts it again. */
  close(): Promise<void>;
}
