import { copyFile, cp, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LISTING_FILE } from '../shared/log-listing.js';
import { clientDir } from './client-dir.js';
import { listLogDir } from './list-log-dir.js';

/** Options of {@link writeStaticViewer}. */
export interface WriteStaticViewerOptions {
  /** The directory whose logs (recursively) are bundled. */
  logDir: string;
  /** Where the site is written: the client, `logs/` and `logs/listing.json`. */
  outDir: string;
  /** The built browser client. @default this package's dist/client */
  clientDir?: string;
}

/** Writes a static site (viewer + logs + listing) that any static server with Range support can host. */
export async function writeStaticViewer(options: WriteStaticViewerOptions): Promise<{ outDir: string; logs: string[] }> {
  const client = options.clientDir ?? clientDir();
  await mkdir(options.outDir, { recursive: true });
  await cp(client, options.outDir, { recursive: true });
  const listing = await listLogDir({ logDir: options.logDir });
  const logsDir = join(options.outDir, 'logs');
  await mkdir(logsDir, { recursive: true });
  for (const name of Object.keys(listing)) {
    const target = join(logsDir, ...name.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await copyFile(join(options.logDir, ...name.split('/')), target);
  }
  await writeFile(join(logsDir, LISTING_FILE), JSON.stringify(listing, null, 2));
  // A bundle is a snapshot: no sample is in flight. (A static server answers `api/pending-samples?log=…` with this file.)
  await mkdir(join(options.outDir, 'api'), { recursive: true });
  await writeFile(join(options.outDir, 'api', 'pending-samples'), JSON.stringify({ samples: [], refresh: 0, etag: 'static' }));
  return { outDir: options.outDir, logs: Object.keys(listing) };
}
