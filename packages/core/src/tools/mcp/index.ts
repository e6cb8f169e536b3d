export type { McpServer } from './mcp-server.js';
export { mcpServerStdio, type McpServerStdioOptions } from './mcp-server-stdio.js';
export { mcpServerHttp, type McpServerHttpOptions } from './mcp-server-http.js';
export { mcpTools, type McpToolsOptions } from './mcp-tools.js';
export { McpServerError, type McpServerErrorOptions } from './mcp-server-error.js';
export { withMcpServers } from './with-mcp-servers.js';
