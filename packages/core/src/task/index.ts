export { task, type Task, type TaskOptions, type Epochs, type FailOnError } from './task.js';
export {
  defineTask,
  TaskOptionsError,
  type TaskFactory,
  type DefineTaskOptions,
  type TaskDefinition,
  type TaskResult,
} from './define-task.js';
