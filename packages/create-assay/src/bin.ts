import { runCreateAssay } from './run-create-assay.js';

process.exitCode = await runCreateAssay({ args: process.argv.slice(2) });
