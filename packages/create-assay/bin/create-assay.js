#!/usr/bin/env node
// The `create-assay` command's bin: committed, so that `pnpm install` links it before anything is built.
import { existsSync } from 'node:fs';

const built = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('error: create-assay is not built yet; run `npx -y pnpm@10.34.9 build` at the repository root.\n');
  process.exit(2);
}
await import(built.href);
