// A runner that starts a docker sandbox sample and then waits to be killed (kill -9 leaves its containers behind).
import { dockerSandbox } from '../docker-sandbox.js';

const [runId = 'deadrun', config = 'assay-test-debian:bookworm'] = process.argv.slice(2);
const environments = await dockerSandbox.sampleInit({ taskName: 'killed', config, runId, metadata: {} });
const { container } = await environments.default!.connection();
process.stdout.write(`${container}\n`);
setInterval(() => undefined, 60_000);
