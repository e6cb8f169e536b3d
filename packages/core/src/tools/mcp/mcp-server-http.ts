import { redactUrl } from '@assay/model';
import { createMcpServer } from './create-mcp-server.js';
import type { McpServer } from './mcp-server.js';

/** Options of {@link mcpServerHttp}. */
export interface McpServerHttpOptions {
  /** Human-readable name. @default the URL, with credentials in it masked */
  name?: string;
  /** URL of the server's streamable HTTP endpoint (`http://localhost:3001/mcp`). */
  url: string;
  /** Headers sent with every request (typically `Authorization`); their values are treated as secrets. */
  headers?: Record<string, string>;
}

/**
 * An MCP server reached over streamable HTTP (Inspect's `mcp_server_http`).
 * @example mcpServerHttp({ url: 'http://localhost:3001/mcp', headers: { Authorization: `Bearer ${process.env.MCP_TOKEN}` } })
 */
export function mcpServerHttp(options: McpServerHttpOptions): McpServer {
  const { url, headers = {} } = options;
  const masked = redactUrl(url);
  // Credentials in the URL itself (user, password, query values) are secrets too.
  const urlSecrets: string[] = [];
  try {
    const parsed = new URL(url);
    urlSecrets.push(decodeURIComponent(parsed.username), decodeURIComponent(parsed.password), ...parsed.searchParams.values());
  } catch {
    // Not a URL: the transport reports it on connection.
  }
  // Bearer tokens are redacted both whole and without their scheme.
  const headerSecrets = Object.values(headers).flatMap((value) => [value, value.replace(/^(bearer|basic|token)\s+/i, '')]);
  return createMcpServer({
    name: options.name ?? masked,
    transport: 'http',
    secrets: [...headerSecrets, ...urlSecrets],
    createTransport: async () => {
      // Imported when first used, as the MCP client is (see create-mcp-server.ts).
      const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
      return { transport: new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }) };
    },
  });
}
