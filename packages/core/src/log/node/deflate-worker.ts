// The deflate worker's thread: compresses the batches the log writer's thread sends (see member-deflater.ts). It
// imports nothing of Assay's but deflateBatch, so the built package ships it as one small file.
import { parentPort } from 'node:worker_threads';
import { deflateBatch } from './deflate-batch.js';
import type { DeflateRequest, DeflateResponse } from './member-deflater.js';

const port = parentPort;
if (!port) throw new Error('deflate-worker.js runs as a worker thread (it is started by the .eval log writer).');
port.on('message', (request: DeflateRequest) => {
  let response: DeflateResponse;
  try {
    response = { id: request.id, batch: deflateBatch({ texts: request.texts, level: request.level }) };
  } catch (error) {
    response = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  // The compressed bytes are moved to the writer's thread, not copied.
  port.postMessage(response, 'batch' in response ? [response.batch.bytes.buffer as ArrayBuffer] : []);
});
port.postMessage({ ready: true } satisfies DeflateResponse);
