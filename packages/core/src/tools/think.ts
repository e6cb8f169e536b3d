import { z } from 'zod';
import { defineTool } from './define-tool.js';
import type { Tool } from './tool.js';

/** Options of {@link think} (Inspect's `think()` arguments). */
export interface ThinkOptions {
  /** Replaces the tool's description. */
  description?: string;
  /** Replaces the description of its `thought` parameter. */
  thoughtDescription?: string;
}

/**
 * A tool that lets the model write down a thought (Inspect's `think`): it changes nothing and returns nothing; the
 * thought is kept in the transcript. Not a substitute for reasoning models' own thinking.
 * @example useTools(think(), bash())
 */
export function think(options: ThinkOptions = {}): Tool {
  return defineTool({
    name: 'think',
    description:
      options.description ??
      'Use the tool to think about something.\n\nThe will not obtain new information or change the environment, but just append the thought to the log. Use it when complex reasoning or some cache memory is needed.',
    parameters: z.object({ thought: z.string().describe(options.thoughtDescription ?? 'A thought to think about.') }),
    execute: () => '',
  });
}
