/** Thrown before a run starts when a task would run no samples: an empty dataset, or sample ids or a limit selecting none. */
export class EmptySelectionError extends Error {
  readonly code = 'empty_selection' as const;
  readonly task: string;

  constructor(options: { task: string; message: string }) {
    super(options.message);
    this.name = 'EmptySelectionError';
    this.task = options.task;
  }
}
