export { tokenLimit, messageLimit, timeLimit, workingLimit, costLimit, type Limit, type ScopedLimitType } from './limit.js';
export {
  applyLimits,
  checkActiveLimits,
  isLimitErrorOf,
  type ApplyLimitsOptions,
  type LimitScopeResult,
} from './apply-limits.js';
export { MissingModelCostError } from './missing-model-cost-error.js';
export {
  setModelCosts,
  findModelCost,
  usageCost,
  modelCostSchema,
  modelCostConfigSchema,
  type ModelCost,
  type ModelCostConfig,
} from './model-cost.js';
