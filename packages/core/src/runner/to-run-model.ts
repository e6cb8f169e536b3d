import { getModel, type Model } from '@assay/model';
import { generateConfigSchema } from '@assay/model/spec';
import { z } from 'zod';
import { checkOptionKeys } from '../util/unknown-option-error.js';
import type { ModelSpec } from '../model/model-spec.js';

const generateConfigKeys = Object.keys(generateConfigSchema.shape);

function isModel(value: Model | ModelSpec): value is Model {
  return typeof (value as Partial<Model>).generate === 'function';
}

function fromSpec(spec: ModelSpec, role: string | undefined): Model {
  const where = role === undefined ? `model "${spec.model}"` : `the "${role}" role model`;
  checkOptionKeys({ where, value: spec, known: ['model', 'config', 'args', 'baseURL'] });
  checkOptionKeys({ where: `the generate config of ${where}`, value: spec.config ?? {}, known: generateConfigKeys });
  const config = generateConfigSchema.safeParse(spec.config ?? {});
  if (!config.success) {
    throw Object.assign(new Error(`Invalid generate config of ${where}: ${z.prettifyError(config.error)}`), {
      code: 'invalid_options',
    });
  }
  return getModel(spec.model, {
    config: config.data,
    args: spec.args ?? {},
    ...(role === undefined ? {} : { role }),
    ...(spec.baseURL === undefined ? {} : { baseURL: spec.baseURL }),
  });
}

/**
 * A run's model from a name, a {@link ModelSpec} or a model object: the model under evaluation (no `role`) gets
 * `modelArgs` (`-M`, which belong to it alone, as in Inspect); a role model reports its role with its calls, so usage
 * is counted per role.
 */
export function toRunModel(options: {
  value: string | Model | ModelSpec;
  role?: string | undefined;
  modelArgs?: Record<string, unknown> | undefined;
}): Model {
  const { value, role } = options;
  if (typeof value === 'string') return getModel(value, role === undefined ? { args: options.modelArgs } : { role });
  if (!isModel(value)) return fromSpec(value, role);
  if (role === undefined || value.role === role) return value;
  return { ...value, role, generate: (generateOptions) => value.generate({ role, ...generateOptions }) };
}
