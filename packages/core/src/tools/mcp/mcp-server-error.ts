/** Options for {@link McpServerError}. */
export interface McpServerErrorOptions {
  code: 'mcp_server_failed' | 'mcp_tools_invalid';
  /** Name of the server (`command args` or the URL, unless named). */
  server: string;
  message: string;
}

/** An MCP server that could not be started, reached or listed; its message holds no value of the server's env or headers. */
export class McpServerError extends Error {
  readonly code: McpServerErrorOptions['code'];
  readonly server: string;

  constructor(options: McpServerErrorOptions) {
    super(options.message);
    this.name = 'McpServerError';
    this.code = options.code;
    this.server = options.server;
  }
}
