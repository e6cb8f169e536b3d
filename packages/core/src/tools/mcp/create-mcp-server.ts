import type { Content } from '@assay/model/spec';
import { createRedactor } from '@assay/model';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Tool, ToolResult } from '../tool.js';
import { ToolError } from '../tool-error.js';
import type { McpServer } from './mcp-server.js';
import { McpServerError } from './mcp-server-error.js';
import { holdInCurrentScope, type McpServerLease } from './with-mcp-servers.js';

/** What a transport-specific factory (`mcpServerStdio`, `mcpServerHttp`) gives {@link createMcpServer}. */
export interface McpServerSetup {
  name: string;
  transport: McpServer['transport'];
  /** Values that must never reach a log, an error or the terminal (env values, header values). */
  secrets: readonly string[];
  /** Creates a fresh transport for each (re)connection; `stderr` is the server process's error output, if any. */
  createTransport(): Promise<{ transport: Transport; stderr?: NodeJS.ReadableStream | null }>;
}

/**
 * The MCP SDK's client, imported with the first connection rather than with `@assay/core`: it loads a JSON Schema
 * validator and a schema library of its own, which took longer to load than the rest of `@assay/core` together.
 */
async function loadMcpClient(): Promise<{ Client: typeof Client; McpError: typeof McpError }> {
  const [{ Client }, { McpError }] = await Promise.all([
    import('@modelcontextprotocol/sdk/client/index.js'),
    import('@modelcontextprotocol/sdk/types.js'),
  ]);
  return { Client, McpError };
}

type McpContent = { type: string; text?: string; data?: string; mimeType?: string; resource?: { text?: string; uri?: string }; uri?: string };

const stderrTailLength = 2000;

/** The MCP client behind both server kinds: lazy connection, tools as Assay tools, every string redacted. */
export function createMcpServer(setup: McpServerSetup): McpServer {
  const redactor = createRedactor({ secrets: setup.secrets });
  const redact = (text: string): string => redactor.redact(text);
  let client: Client | undefined;
  let connecting: Promise<Client> | undefined;
  let holders = 0;
  let stderrTail = '';

  const failure = (what: string, error: unknown): McpServerError => {
    const reason = error instanceof Error ? error.message : String(error);
    const tail = stderrTail.trim() ? ` Its error output ended with: ${stderrTail.trim()}` : '';
    return new McpServerError({
      code: 'mcp_server_failed',
      server: setup.name,
      message: redact(`MCP server "${setup.name}" ${what}: ${reason}.${tail}`),
    });
  };

  const connect = async (): Promise<Client> => {
    stderrTail = '';
    const sdk = await loadMcpClient();
    const { transport, stderr } = await setup.createTransport();
    stderr?.on('data', (chunk: Buffer | string) => {
      stderrTail = (stderrTail + chunk.toString()).slice(-stderrTailLength);
    });
    const next = new sdk.Client({ name: 'assay', version: '0.1.0' });
    try {
      await next.connect(transport);
    } catch (error) {
      await transport.close().catch(() => undefined);
      throw failure('could not be started or reached', error);
    }
    next.onclose = () => {
      if (client === next) client = undefined;
    };
    client = next;
    return next;
  };

  const connected = (): Promise<Client> => {
    if (client) return Promise.resolve(client);
    connecting ??= connect().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };

  const close = async (): Promise<void> => {
    const current = client ?? (await connecting?.catch(() => undefined));
    client = undefined;
    await current?.close();
  };

  const lease: McpServerLease = {
    acquire: () => {
      holders++;
    },
    release: async () => {
      holders = Math.max(0, holders - 1);
      if (holders === 0) await close();
    },
  };

  const callTool = async (name: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<ToolResult> => {
    holdInCurrentScope(lease);
    const current = await connected();
    let result: { content?: unknown; isError?: boolean; structuredContent?: unknown };
    try {
      result = (await current.callTool({ name, arguments: args }, undefined, signal ? { signal } : undefined)) as typeof result;
    } catch (error) {
      if (signal?.aborted) throw error;
      // The server answered with an error (bad arguments, a failure it reports): the model reads it.
      const { McpError } = await loadMcpClient();
      if (error instanceof McpError) throw new ToolError(redact(error.message));
      throw failure(`failed while running tool "${name}"`, error);
    }
    const parts = Array.isArray(result.content) ? (result.content as McpContent[]) : [];
    const content = parts.map((part): Content => {
      if (part.type === 'text') return { type: 'text', text: redact(part.text ?? '') };
      if (part.type === 'image' && part.data) return { type: 'image', image: `data:${part.mimeType ?? 'image/png'};base64,${part.data}`, detail: 'auto' };
      if (part.type === 'resource' && typeof part.resource?.text === 'string') return { type: 'text', text: redact(part.resource.text) };
      return { type: 'text', text: redact(JSON.stringify(part)) };
    });
    const texts = content.map((part) => (part.type === 'text' ? (part as { text: string }).text : undefined));
    const allText = texts.every((text) => text !== undefined);
    if (result.isError) throw new ToolError(allText ? texts.join('\n') : 'The tool reported an error.');
    if (content.length === 0 && result.structuredContent !== undefined) return redact(JSON.stringify(result.structuredContent));
    return allText ? texts.join('\n') : content;
  };

  const listTools = async (): Promise<Tool[]> => {
    holdInCurrentScope(lease);
    const current = await connected();
    const tools: Tool[] = [];
    let cursor: string | undefined;
    try {
      do {
        const page = await current.listTools(cursor ? { cursor } : undefined);
        for (const tool of page.tools) {
          const schema = tool.inputSchema as Record<string, unknown>;
          tools.push({
            info: {
              name: tool.name,
              description: redact(tool.description ?? tool.title ?? tool.name),
              parameters: {
                ...schema,
                type: 'object',
                properties: (schema.properties as Record<string, unknown>) ?? {},
                required: Array.isArray(schema.required) ? (schema.required as string[]) : [],
              },
            },
            execute: (args, context) => callTool(tool.name, args, context.signal),
          });
        }
        cursor = page.nextCursor;
      } while (cursor);
    } catch (error) {
      throw failure('could not list its tools', error);
    }
    return tools;
  };

  return { type: 'mcp_server', name: setup.name, transport: setup.transport, tools: listTools, close };
}
