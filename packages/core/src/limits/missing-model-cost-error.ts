/** Thrown by a model call under a cost limit when the model has no price in the cost table. */
export class MissingModelCostError extends Error {
  readonly code = 'missing_model_cost' as const;
  /** The model (`provider/name`) without a price. */
  readonly model: string;

  constructor(options: { model: string }) {
    super(
      `A cost limit applies but model "${options.model}" has no price: add it to modelCostConfig (--model-cost-config) or call setModelCosts().`,
    );
    this.name = 'MissingModelCostError';
    this.model = options.model;
  }
}
