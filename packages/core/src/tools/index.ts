export type { Tool, ToolContext, ToolResult } from './tool.js';
export { defineTool, toolParameters, type ToolDefinition } from './define-tool.js';
export { ToolError } from './tool-error.js';
export { ToolArgumentsError, type ToolArgumentsErrorOptions } from './tool-arguments-error.js';
export { executeToolCalls, type ExecuteToolCallsOptions } from './execute-tool-calls.js';
export { defaultMaxToolOutput } from './truncate-tool-output.js';
export { isToolSource, resolveTools, type ToolSource } from './tool-source.js';
