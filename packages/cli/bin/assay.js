#!/usr/bin/env node
// The `assay` command's bin: committed, so that `pnpm install` can link it before anything is built (a bin that
// points into dist/ is skipped by the install that precedes the first build, and `npx assay` then asks the registry).
import { existsSync } from 'node:fs';

const built = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('error: the assay CLI is not built yet; run `npx -y pnpm@10.34.9 build` at the repository root.\n');
  process.exit(2);
}
await import(built.href);
