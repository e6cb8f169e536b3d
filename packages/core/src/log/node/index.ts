export { openFileSource } from './file-source.js';
export {
  readEvalLog,
  recoverEvalLog,
  readEvalLogSample,
  readEvalLogSamples,
  readEvalLogSampleSummaries,
  type ReadLogFileOptions,
} from './read-eval-log.js';
export { writeEvalLog } from './write-eval-log.js';
export { createEvalLogWriter, type EvalLogWriter, type CreateEvalLogWriterOptions } from './eval-log-writer.js';
export { listEvalLogs } from './list-eval-logs.js';
export {
  createLiveSampleBuffer,
  liveSampleBufferPaths,
  type LiveSampleBuffer,
  type LiveSampleBufferPaths,
  type CreateLiveSampleBufferOptions,
  type RunningSample,
} from './live-sample-buffer.js';
