import type { Tool } from './tool.js';

/**
 * Tools that are only known once something starts (an MCP server): resolved when a solver puts them in use. Fields
 * other than functions are recorded in the log as the solver's arguments, so they must hold no secrets.
 */
export interface ToolSource {
  readonly type: 'tool_source';
  /** What the tools come from, for the log (`mcp_tools`). */
  readonly name: string;
  tools(): Promise<Tool[]>;
}

/** Whether `value` is a {@link ToolSource}. */
export function isToolSource(value: unknown): value is ToolSource {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as ToolSource).type === 'tool_source' &&
    typeof (value as ToolSource).tools === 'function'
  );
}

/** Tools and tool sources as a list of tools, resolving the sources in order. */
export async function resolveTools(tools: ReadonlyArray<Tool | ToolSource>): Promise<Tool[]> {
  const out: Tool[] = [];
  for (const item of tools) {
    if (isToolSource(item)) out.push(...(await item.tools()));
    else out.push(item);
  }
  return out;
}
