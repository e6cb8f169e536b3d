// Scorer, solver and metric options as the log records them: under the argument names of Inspect's registry
// functions (`includes(ignore_case=...)`, `model_graded_qa(model_role=...)`, `prompt_template(template, **params)`),
// so that Inspect's tools (`inspect score LOG`) can rebuild them; and back, from either spelling.
import { camelToSnake, snakeToCamel } from '@assay/model/spec';

/** What the options belong to: registry names are looked up per kind, as in Inspect's registry. */
export type InspectArgsKind = 'scorer' | 'solver' | 'metric';

/** Options for {@link toInspectArgs} and {@link fromInspectArgs}. */
export interface InspectArgsOptions {
  kind: InspectArgsKind;
  /** Registry name (`model_graded_qa`). */
  name: string;
  args: Readonly<Record<string, unknown>>;
}

// Options whose Inspect argument is not the snake_case of the Assay name.
const renamed: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'scorer:model_graded_qa': { role: 'model_role' },
  'scorer:model_graded_fact': { role: 'model_role' },
};

// Solvers whose Inspect function takes the template's values as keyword arguments (`**params`).
const templateSolvers = new Set(['prompt_template', 'system_message', 'user_message']);

// Recorded `{ name, args }` of the solvers of a chain or the scorers of a multi-scorer.
function isSpec(value: unknown): value is { name: string; args: Record<string, unknown> } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const spec = value as { name?: unknown; args?: unknown };
  return typeof spec.name === 'string' && typeof spec.args === 'object' && spec.args !== null && !Array.isArray(spec.args);
}

function mapNested(kind: InspectArgsKind, value: unknown, map: typeof toInspectArgs): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item) => (isSpec(item) ? { ...item, args: map({ kind, name: item.name, args: item.args }) } : item));
}

/**
 * Renames recorded options to the argument names of Inspect's function of the same registry name: top-level keys to
 * snake_case, Inspect's own names where they differ (`role` → `model_role`), template values as keyword arguments.
 * @example toInspectArgs({ kind: 'scorer', name: 'includes', args: { ignoreCase: false } }) // { ignore_case: false }
 */
export function toInspectArgs(options: InspectArgsOptions): Record<string, unknown> {
  const renames = renamed[`${options.kind}:${options.name}`] ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options.args)) {
    if (value === undefined) continue;
    if (options.kind === 'solver' && templateSolvers.has(options.name) && key === 'params') {
      Object.assign(out, value);
      continue;
    }
    out[renames[key] ?? camelToSnake(key)] = mapNested(options.kind, value, toInspectArgs);
  }
  return out;
}

/**
 * Reads options recorded by {@link toInspectArgs} (or by Assay before it, in camelCase) back into Assay's names.
 * @example fromInspectArgs({ kind: 'scorer', name: 'includes', args: { ignore_case: false } }) // { ignoreCase: false }
 */
export function fromInspectArgs(options: InspectArgsOptions): Record<string, unknown> {
  const renames = Object.fromEntries(
    Object.entries(renamed[`${options.kind}:${options.name}`] ?? {}).map(([assayName, inspectName]) => [inspectName, assayName]),
  );
  const isTemplateSolver = options.kind === 'solver' && templateSolvers.has(options.name);
  const out: Record<string, unknown> = {};
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options.args)) {
    if (isTemplateSolver && key !== 'template' && key !== 'params') {
      params[key] = value;
      continue;
    }
    out[renames[key] ?? snakeToCamel(key)] = mapNested(options.kind, value, fromInspectArgs);
  }
  if (Object.keys(params).length > 0) out.params = { ...(out.params as Record<string, unknown> | undefined), ...params };
  return out;
}
