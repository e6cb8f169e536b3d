import { toolChoiceSchema } from '@assay/model/spec';
import { z } from 'zod';
import type { Tool } from '../tools/tool.js';
import { isToolSource, resolveTools, type ToolSource } from '../tools/tool-source.js';
import { defineSolver } from './define-solver.js';

/** Schema accepting a tool made by `defineTool`. */
export const toolSchema = z.custom<Tool>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Tool).execute === 'function' &&
    typeof (value as Tool).info?.name === 'string',
  'Expected a tool created with defineTool',
);

/** Schema accepting a tool, or a tool source (`mcpTools(server)`) resolved to its tools when the solver runs. */
const toolOrSourceSchema = z.custom<Tool | ToolSource>(
  (value) => toolSchema.safeParse(value).success || isToolSource(value),
  'Expected a tool created with defineTool, or a tool source such as mcpTools(server)',
);

/**
 * Makes tools available to `generate` (replacing the state's tools unless `append`) and sets the tool choice.
 * @default { tools: [], toolChoice: 'auto', append: false }
 * @example useTools({ tools: [add, search], toolChoice: { name: 'add' } })
 */
export const useTools = defineSolver({
  name: 'use_tools',
  options: z.strictObject({
    tools: z.array(toolOrSourceSchema).default([]),
    /** `auto`, `any` (must call one), `none`, or `{ name }` to force a tool; `null` leaves the state's choice. */
    toolChoice: toolChoiceSchema.nullable().default('auto'),
    /** Add to the state's tools instead of replacing them. */
    append: z.boolean().default(false),
  }),
  create:
    ({ tools: given, toolChoice, append }) =>
    async (state) => {
      const tools = await resolveTools(given);
      if (append) state.tools = [...state.tools, ...tools];
      else if (tools.length > 0) state.tools = [...tools];
      if (toolChoice !== null) state.toolChoice = toolChoice;
      return state;
    },
});
