import type { AdaptiveConnections } from '../spec/generate-config.js';
import { createAdaptiveConnectionController, type AdaptiveConnectionController } from './adaptive-connections.js';
import { notifyConnectionLimitChange } from './observe-model-calls.js';
import { createSemaphore, type Semaphore } from './semaphore.js';

const semaphores = new Map<string, Semaphore>();

/** The semaphore limiting concurrent calls to one model endpoint, shared by every Model with the same key. */
export function connectionSemaphore(options: { model: string; baseURL?: string }): Semaphore {
  const key = options.baseURL ? `${options.model} ${options.baseURL}` : options.model;
  let semaphore = semaphores.get(key);
  if (!semaphore) {
    semaphore = createSemaphore();
    semaphores.set(key, semaphore);
  }
  return semaphore;
}

/**
 * Connections to a model's endpoints in use now, and the limit in force (summed over its base URLs), for progress
 * displays; `{ inUse: 0, limit: 0 }` before its first call.
 */
export function connectionUsage(options: { model: string }): { inUse: number; limit: number } {
  let inUse = 0;
  let limit = 0;
  for (const [key, semaphore] of semaphores) {
    if (key !== options.model && !key.startsWith(`${options.model} `)) continue;
    inUse += semaphore.inFlight;
    limit += semaphore.limit;
  }
  return { inUse, limit };
}

const controllers = new Map<string, AdaptiveConnectionController>();

/**
 * The adaptive limit of one model endpoint, shared like its semaphore; created on first use with `settings`, and its
 * changes are reported to model call observers.
 */
export function adaptiveConnectionController(options: {
  model: string;
  baseURL?: string;
  settings: boolean | number | AdaptiveConnections;
}): AdaptiveConnectionController {
  const key = options.baseURL ? `${options.model} ${options.baseURL}` : options.model;
  let controller = controllers.get(key);
  if (!controller) {
    controller = createAdaptiveConnectionController({
      model: options.model,
      settings: options.settings,
      onChange: notifyConnectionLimitChange,
    });
    controllers.set(key, controller);
  }
  return controller;
}
