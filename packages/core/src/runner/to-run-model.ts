import { getModel, type Model } from '@assay/model';

/**
 * A run's model from a name or a model object: the model under evaluation (no `role`) gets `modelArgs` (`-M`, which
 * belong to it alone, as in Inspect); a role model reports its role with its calls, so usage is counted per role.
 */
export function toRunModel(options: { value: string | Model; role?: string | undefined; modelArgs?: Record<string, unknown> | undefined }): Model {
  const { value, role } = options;
  if (typeof value === 'string') return getModel(value, role === undefined ? { args: options.modelArgs } : { role });
  if (role === undefined || value.role === role) return value;
  return { ...value, role, generate: (generateOptions) => value.generate({ role, ...generateOptions }) };
}
