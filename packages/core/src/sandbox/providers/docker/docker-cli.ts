import type { ExecResult } from '../../sandbox-environment.js';
import { runProcess } from '../../run-process.js';
import { SandboxError } from '../../sandbox-error.js';

/** The runner's variables the docker CLI and compose need (where the daemon is); nothing else of the runner's crosses. */
const dockerVariables = [
  'PATH',
  'HOME',
  'DOCKER_HOST',
  'DOCKER_CONTEXT',
  'DOCKER_CONFIG',
  'DOCKER_CERT_PATH',
  'DOCKER_TLS_VERIFY',
  'DOCKER_API_VERSION',
  'XDG_RUNTIME_DIR',
];

/** Whether the docker CLI (or compose) reads `name` itself, so an exec's `env` must not set it for the CLI. */
export function isDockerCliVariable(name: string): boolean {
  return dockerVariables.includes(name) || name === 'LANG' || /^(DOCKER|COMPOSE|BUILDKIT)_/.test(name);
}

/** The environment the docker CLI runs with: the daemon's address from the runner, plus `extra` (exec's `env`). */
export function dockerCliEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const environment: Record<string, string> = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    LANG: 'C.UTF-8',
  };
  for (const name of dockerVariables) {
    const value = process.env[name];
    if (value !== undefined) environment[name] = value;
  }
  return { ...environment, ...extra };
}

/** Options of {@link runDocker}. */
export interface RunDockerOptions {
  /** Arguments after `docker` (or after the compose command when `compose` is given). */
  args: readonly string[];
  /** The compose command to run instead of `docker` (`['docker', 'compose']` or `['docker-compose']`). */
  compose?: readonly string[];
  input?: string | Uint8Array;
  env?: Record<string, string>;
  timeout?: number;
  signal?: AbortSignal;
  maxOutput?: number;
  cwd?: string;
}

/**
 * Runs the docker CLI (or compose); a non-zero exit is a result the caller reads. It runs in its own session, as every
 * provider's processes do: a terminal's Ctrl-C must not reach it (the 28.x docker CLI exits 0 on SIGINT, turning
 * an interrupted command into a success), at a cost of some 40 ms per call the Go CLI spends starting there.
 */
export function runDocker(options: RunDockerOptions): Promise<ExecResult> {
  return runProcess({
    command: [...(options.compose ?? ['docker']), ...options.args],
    input: options.input,
    env: dockerCliEnvironment(options.env),
    cwd: options.cwd,
    timeout: options.timeout,
    signal: options.signal,
    maxOutput: options.maxOutput,
  });
}

const daemonDown = /Cannot connect to the Docker daemon|error during connect|docker daemon is not running|permission denied while trying to connect/i;

/** Turns a failed docker command into a `SandboxError`, saying what to do when the daemon or docker is missing. */
export function dockerFailure(options: { action: string; result: ExecResult; code?: 'sandbox_unavailable' | 'sandbox_setup_failed' | 'sandbox_config' }): SandboxError {
  const output = (options.result.stderr.trim() || options.result.stdout.trim()).split('\n').slice(-20).join('\n');
  if (daemonDown.test(output)) return dockerDaemonUnavailable(output);
  return new SandboxError({
    code: options.code ?? 'sandbox_unavailable',
    message: `${options.action} failed (exit ${options.result.returncode}): ${output}`,
  });
}

/** The error for a Docker daemon that cannot be reached. */
export function dockerDaemonUnavailable(detail: string): SandboxError {
  return new SandboxError({
    code: 'sandbox_unavailable',
    message: `The Docker daemon is not reachable (${detail}). Start it (e.g. \`dockerd\` or \`systemctl start docker\`) and check \`docker info\` works, or use the bwrap sandbox.`,
  });
}

/** Runs docker and throws the mapped `SandboxError` unless it exits 0; a missing `docker` binary says how to install it. */
export async function checkedDocker(options: RunDockerOptions & { action: string; code?: 'sandbox_unavailable' | 'sandbox_setup_failed' | 'sandbox_config' }): Promise<ExecResult> {
  let result: ExecResult;
  try {
    result = await runDocker(options);
  } catch (error) {
    if (error instanceof SandboxError && error.code === 'sandbox_unavailable') {
      throw new SandboxError({
        code: 'sandbox_unavailable',
        message: `${error.message} The docker sandbox needs the docker CLI and a running Docker Engine (Debian: apt-get install docker.io docker-compose).`,
        cause: error,
      });
    }
    throw error;
  }
  if (!result.success) throw dockerFailure({ action: options.action, result, code: options.code });
  return result;
}

let composeCommandPromise: Promise<readonly string[] | undefined> | undefined;

/** `['docker', 'compose']` when the compose v2 plugin is there, else `['docker-compose']` (v1), else undefined. */
export function composeCommand(): Promise<readonly string[] | undefined> {
  composeCommandPromise ??= (async () => {
    for (const command of [['docker', 'compose'], ['docker-compose']] as const) {
      try {
        const result = await runProcess({ command: [...command, 'version'], env: dockerCliEnvironment(), timeout: 60 });
        if (result.success) return command;
      } catch {
        // Not installed; try the next.
      }
    }
    return undefined;
  })();
  return composeCommandPromise;
}
