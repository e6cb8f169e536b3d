import { fromLogGenerateConfig, getModel, type Model } from '@assay/model';
import type { EvalSpec } from '../log/schema/eval-spec.js';
import type { ActiveModels } from '../model/active-model.js';

/**
 * The models a log ran with, as recorded in its spec: the model under evaluation (with its `-M` args and generate
 * config) and each role model (with its own config and args). Base URLs come from the environment, as in
 * a run. Providers are checked now and loaded on first use.
 */
export function modelsFromLog(spec: Pick<EvalSpec, 'model' | 'model_args' | 'model_generate_config' | 'model_roles'>): ActiveModels {
  const model = getModel(spec.model, {
    config: fromLogGenerateConfig(spec.model_generate_config ?? {}),
    args: spec.model_args ?? {},
  });
  const roles: Record<string, Model> = {};
  for (const [role, value] of Object.entries(spec.model_roles ?? {})) {
    roles[role] = getModel(value.model, {
      role,
      config: fromLogGenerateConfig(value.config ?? {}),
      args: value.args ?? {},
    });
  }
  return { model, roles };
}
