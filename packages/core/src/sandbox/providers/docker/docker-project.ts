import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SandboxError } from '../../sandbox-error.js';
import { checkedDocker, composeCommand, runDocker } from './docker-cli.js';
import { composeDirectory, composeOverride, dockerDefaultLimits, readComposeFile, type DockerConfig } from './docker-config.js';
import { DockerEnvironment } from './docker-environment.js';

/** The labels on everything a sample creates, so cleanup finds exactly a run's containers, networks and volumes. */
export const dockerLabels = { sandbox: 'assay.sandbox', run: 'assay.run', pid: 'assay.pid', project: 'assay.project' } as const;

/** A fresh project name (`assay-<run>-<random>`): compose project names allow lower-case letters, digits, `-`, `_`. */
export function newProjectName(runId: string): string {
  const run = runId.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 8) || 'run';
  return `assay-${run}-${randomBytes(4).toString('hex')}`;
}

function labelsOf(options: { runId: string; project: string }): Record<string, string> {
  return {
    [dockerLabels.sandbox]: '1',
    [dockerLabels.run]: options.runId,
    [dockerLabels.pid]: String(process.pid),
    [dockerLabels.project]: options.project,
  };
}

/** Throws `sandbox_unavailable` unless the compose command is installed. */
export async function requireCompose(): Promise<readonly string[]> {
  const compose = await composeCommand();
  if (!compose) {
    throw new SandboxError({
      code: 'sandbox_unavailable',
      message: 'A compose file needs Docker Compose: install the compose plugin (`docker compose`) or docker-compose (Debian: apt-get install docker-compose).',
    });
  }
  return compose;
}

/** Throws `sandbox_unavailable` saying what to do unless the Docker daemon answers. */
async function checkDaemon(): Promise<void> {
  // `docker version` names an unreachable daemon on every CLI version (`docker info --format` does not on 20.10).
  await checkedDocker({ args: ['version', '--format', '{{.Server.Version}}'], action: 'docker version', timeout: 120 });
}

/** Checks an image is on this machine, pulling it if not; throws `sandbox_unavailable` saying how to get it. */
export async function ensureImage(image: string): Promise<void> {
  const inspect = await runDocker({ args: ['image', 'inspect', '--format', '{{.Id}}', image], timeout: 120 });
  if (inspect.success) return;
  await checkDaemon();
  const pull = await runDocker({ args: ['pull', '--quiet', image], timeout: 1800 });
  if (!pull.success) {
    throw new SandboxError({
      code: 'sandbox_unavailable',
      message: `Docker image '${image}' is not on this machine and could not be pulled (${pull.stderr.trim().split('\n').pop()}). Build it or \`docker pull\` it, then run again.`,
    });
  }
}

/** Builds what a config needs once per task: a Dockerfile's image, a compose file's build services and images. */
export async function prepareConfig(config: DockerConfig): Promise<void> {
  if (config.kind === 'image') return ensureImage(config.image);
  if (config.kind === 'dockerfile') {
    await checkDaemon();
    await checkedDocker({
      args: ['build', '--quiet', '--tag', config.image, '--file', config.path, dirname(config.path)],
      action: `Building ${config.path}`,
      code: 'sandbox_setup_failed',
      timeout: 3600,
    });
    return;
  }
  const compose = readComposeFile(config.path);
  const command = await requireCompose();
  await checkDaemon();
  const building = compose.services.filter((name) => compose.raw[name]?.build !== undefined);
  for (const name of compose.services) {
    const image = compose.raw[name]?.image;
    if (compose.raw[name]?.build === undefined && typeof image === 'string') await ensureImage(image);
  }
  if (building.length === 0) return;
  await withOverride({ config, project: `assay-build-${randomBytes(4).toString('hex')}`, runId: 'build' }, async (files) => {
    await checkedDocker({
      compose: command,
      args: [...files, 'build', ...building],
      action: `Building the services of ${config.path}`,
      code: 'sandbox_setup_failed',
      cwd: composeDirectory(compose),
      timeout: 3600,
    });
  });
}

/** Runs `body` with the `-p PROJECT -f FILE -f OVERRIDE` arguments of a compose config, removing the override after. */
async function withOverride<TResult>(
  options: { config: DockerConfig & { kind: 'compose' }; project: string; runId: string },
  body: (files: string[]) => Promise<TResult>,
): Promise<TResult> {
  const compose = readComposeFile(options.config.path);
  const folder = await mkdtemp(join(tmpdir(), 'assay-compose-'));
  try {
    const override = join(folder, 'assay-override.yaml');
    await writeFile(override, JSON.stringify(composeOverride({ compose, labels: labelsOf(options) }), null, 2));
    return await body(['--project-name', options.project, '--file', options.config.path, '--file', override]);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Starts a sample's containers and returns their environments, the default first. */
export async function startProject(options: { config: DockerConfig; runId: string }): Promise<Record<string, DockerEnvironment>> {
  const { config, runId } = options;
  const project = newProjectName(runId);
  const labels = labelsOf({ runId, project });
  try {
    if (config.kind === 'compose') {
      const command = await requireCompose();
      const compose = readComposeFile(config.path);
      await withOverride({ config, project, runId }, (files) =>
        checkedDocker({
          compose: command,
          args: [...files, 'up', '--detach', '--no-build'],
          action: `Starting ${config.path}`,
          cwd: composeDirectory(compose),
          timeout: 600,
        }),
      );
      const containers = await projectContainers(project);
      const environments: Record<string, DockerEnvironment> = {};
      for (const service of compose.services) {
        const container = containers.find((candidate) => candidate.service === service);
        if (!container) continue;
        const ready = await waitReady(container.name);
        if (ready) environments[service] = new DockerEnvironment(container.name, project, ready.workDir);
      }
      if (!environments[compose.services[0]!]) {
        throw new SandboxError({ code: 'sandbox_unavailable', message: `The default service "${compose.services[0]}" of ${config.path} is not running.` });
      }
      return environments;
    }
    const name = `${project}-default`;
    const args = ['run', '--detach', '--init', '--name', name, '--network', 'none'];
    args.push('--pids-limit', String(dockerDefaultLimits.pidsLimit), '--memory', dockerDefaultLimits.memory);
    for (const [key, value] of Object.entries(labels)) args.push('--label', `${key}=${value}`);
    args.push(config.image, 'tail', '-f', '/dev/null');
    await checkedDocker({ args, action: `Starting a container of ${config.image}`, timeout: 600 });
    const ready = await waitReady(name);
    return { default: new DockerEnvironment(name, project, ready?.workDir ?? '/') };
  } catch (error) {
    await removeProject(project);
    throw error;
  }
}

/** Waits for a container to run and, if it has a healthcheck, be healthy; undefined for one that exited 0. */
async function waitReady(container: string): Promise<{ workDir: string } | undefined> {
  for (let attempt = 0; ; attempt++) {
    const inspect = await checkedDocker({
      args: ['inspect', '--format', '{{json .State}}\t{{json .Config.WorkingDir}}', container],
      action: `docker inspect ${container}`,
      timeout: 120,
    });
    const [stateText, workDirText] = inspect.stdout.trim().split('\t');
    const state = JSON.parse(stateText!) as { Status: string; ExitCode: number; Health?: { Status: string } };
    const workDir = (JSON.parse(workDirText ?? '""') as string) || '/';
    if (state.Status === 'exited' && state.ExitCode === 0) return undefined;
    if (state.Status === 'exited' || state.Status === 'dead' || state.Health?.Status === 'unhealthy') {
      const logs = await runDocker({ args: ['logs', '--tail', '20', container], timeout: 60 }).catch(() => undefined);
      throw new SandboxError({
        code: 'sandbox_unavailable',
        message: `Container ${container} ${state.Health?.Status === 'unhealthy' ? 'is unhealthy' : `exited with code ${state.ExitCode}`}. Its last output:\n${[logs?.stdout, logs?.stderr].join('').trim()}`,
      });
    }
    if (state.Status === 'running' && (state.Health === undefined || state.Health.Status === 'healthy')) return { workDir };
    // A hang guard only: healthchecks that never settle end the sample after about ten minutes.
    if (attempt > 2400) {
      throw new SandboxError({ code: 'sandbox_unavailable', message: `Container ${container} did not become ready (${state.Status}, health ${state.Health?.Status}).` });
    }
    await sleep(250);
  }
}

interface ContainerInfo {
  id: string;
  name: string;
  service: string;
  project: string;
  run: string;
  pid: number;
}

async function listContainers(filters: string[]): Promise<ContainerInfo[]> {
  const format = `{{.ID}}\t{{.Names}}\t{{.Label "com.docker.compose.service"}}\t{{.Label "${dockerLabels.project}"}}\t{{.Label "${dockerLabels.run}"}}\t{{.Label "${dockerLabels.pid}"}}`;
  const result = await checkedDocker({
    args: ['ps', '--all', '--no-trunc', ...filters.flatMap((filter) => ['--filter', filter]), '--format', format],
    action: 'Listing containers',
    timeout: 120,
  });
  return result.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [id = '', name = '', service = '', project = '', run = '', pid = ''] = line.split('\t');
      return { id, name, service, project, run, pid: Number(pid) };
    });
}

function projectContainers(project: string): Promise<ContainerInfo[]> {
  return listContainers([`label=${dockerLabels.project}=${project}`]);
}

/** Removes a project's containers (with their anonymous volumes), networks and volumes; what is gone is ignored. */
export async function removeProject(project: string): Promise<void> {
  const containers = await projectContainers(project).catch(() => []);
  if (containers.length > 0) await runDocker({ args: ['rm', '--force', '--volumes', ...containers.map((container) => container.id)], timeout: 300 });
  for (const kind of ['network', 'volume'] as const) {
    const ids = new Set<string>();
    for (const label of [`${dockerLabels.project}=${project}`, `com.docker.compose.project=${project}`]) {
      const listed = await runDocker({ args: [kind, 'ls', '--quiet', '--filter', `label=${label}`], timeout: 120 });
      for (const id of listed.stdout.split('\n')) if (id.trim()) ids.add(id.trim());
    }
    if (ids.size > 0) await runDocker({ args: [kind, 'rm', ...ids], timeout: 300 });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The projects to remove: with `id` (a project, container name or container id), that container's project; without,
 * every Assay project whose runner process is gone. Only containers labelled `assay.sandbox=1` are considered.
 */
export async function leftoverProjects(options: { id?: string }): Promise<string[]> {
  const containers = await listContainers([`label=${dockerLabels.sandbox}=1`]);
  const projects = new Set<string>();
  for (const container of containers) {
    if (!container.project) continue;
    if (options.id !== undefined) {
      const matches = [container.project, container.name, container.id].includes(options.id) || container.id.startsWith(options.id);
      if (matches) projects.add(container.project);
    } else if (!isAlive(container.pid)) {
      projects.add(container.project);
    }
  }
  return [...projects].sort();
}
