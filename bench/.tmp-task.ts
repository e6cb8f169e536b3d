import { generate, includes, task } from '@assay/core';
export const cliProviderBench = task({
  name: 'cli_provider_bench',
  dataset: Array.from({ length: 2000 }, (_, index) => ({ input: `Question ${index}: what is the answer?`, target: '42' })),
  solver: generate(),
  scorer: includes(),
});
