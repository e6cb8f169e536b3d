import { globMatches } from '../../approval/glob-matches.js';
import type { Tool } from '../tool.js';
import type { ToolSource } from '../tool-source.js';
import type { McpServer } from './mcp-server.js';
import { McpServerError } from './mcp-server-error.js';

/** Options of {@link mcpTools}. */
export interface McpToolsOptions {
  /** Tool names or globs (`read_*`) to take from the server, or `all`. @default 'all' */
  tools?: 'all' | readonly string[];
}

/**
 * The tools of an MCP server (all, or those matching names or globs) as a tool source: give it to `useTools` (or an
 * agent) and its tools are listed when the solver runs (Inspect's `mcp_tools`).
 * @example useTools({ tools: [mcpTools(mcpServerStdio({ command: 'mcp-server-everything' }), { tools: ['echo', 'get-*'] })] })
 */
export function mcpTools(server: McpServer, options: McpToolsOptions = {}): ToolSource & { server: string; filter: 'all' | string[] } {
  const filter = options.tools === undefined || options.tools === 'all' ? 'all' : [...options.tools];
  return {
    type: 'tool_source',
    name: 'mcp_tools',
    server: server.name,
    filter,
    tools: async (): Promise<Tool[]> => {
      const all = await server.tools();
      if (filter === 'all') return all;
      const selected = all.filter((tool) => filter.some((pattern) => globMatches({ text: tool.info.name, pattern })));
      const unmatched = filter.filter((pattern) => !all.some((tool) => globMatches({ text: tool.info.name, pattern })));
      if (unmatched.length > 0) {
        throw new McpServerError({
          code: 'mcp_tools_invalid',
          server: server.name,
          message: `MCP server "${server.name}" has no tool matching ${unmatched.map((pattern) => `"${pattern}"`).join(', ')}; its tools are: ${all.map((tool) => tool.info.name).join(', ')}.`,
        });
      }
      return selected;
    },
  };
}
