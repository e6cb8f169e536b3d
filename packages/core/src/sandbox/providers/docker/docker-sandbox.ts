import { availableParallelism } from 'node:os';
import { defineSandbox, type SandboxConfig, type SandboxProvider } from '../../define-sandbox.js';
import { parseDockerConfig, readComposeFile } from './docker-config.js';
import { DockerEnvironment } from './docker-environment.js';
import { prepareConfig, leftoverProjects, removeProject, startProject } from './docker-project.js';

/** Projects started and not yet removed, per run and task, so task cleanup removes what sample cleanup missed. */
const liveProjects = new Map<string, Set<string>>();
const taskKey = (options: { runId: string; taskName: string }): string => `${options.runId}\u0000${options.taskName}`;

/**
 * The `docker` sandbox (Inspect's docker provider): each sample gets fresh containers from an image name, a Dockerfile
 * or a compose file (`x-default` or `default` marks the default service). Containers have no network unless the
 * compose file gives one, limits on processes and memory, and labels (`assay.sandbox`, `assay.run`, `assay.pid`) so
 * `assay sandbox cleanup docker` removes exactly what dead runs left.
 * @example
 * task({ sandbox: ['docker', 'compose.yaml'], ... })
 */
export const dockerSandbox: SandboxProvider = defineSandbox({
  name: 'docker',
  validateConfig(config: SandboxConfig): SandboxConfig {
    const parsed = parseDockerConfig(config);
    // A compose file that cannot be read, has no services or two defaults fails here, before anything runs.
    if (parsed.kind === 'compose') readComposeFile(parsed.path);
    return config;
  },
  defaultConcurrency() {
    return 2 * availableParallelism();
  },
  async taskInit({ config }) {
    await prepareConfig(parseDockerConfig(config));
  },
  async sampleInit(options) {
    const environments = await startProject({ config: parseDockerConfig(options.config), runId: options.runId });
    const projects = liveProjects.get(taskKey(options)) ?? new Set<string>();
    liveProjects.set(taskKey(options), projects);
    for (const environment of Object.values(environments)) projects.add(environment.project);
    return environments;
  },
  async sampleCleanup(options) {
    const projects = new Set<string>();
    for (const environment of Object.values(options.environments)) {
      if (environment instanceof DockerEnvironment) projects.add(environment.project);
    }
    for (const project of projects) {
      await removeProject(project);
      liveProjects.get(taskKey(options))?.delete(project);
    }
  },
  async taskCleanup(options) {
    // Sample cleanup removes each sample's containers; this removes any that a failed or skipped cleanup left.
    const projects = liveProjects.get(taskKey(options)) ?? new Set<string>();
    liveProjects.delete(taskKey(options));
    if (!options.cleanup) return;
    for (const project of projects) await removeProject(project);
  },
  async cliCleanup({ id }) {
    const projects = await leftoverProjects({ id });
    for (const project of projects) await removeProject(project);
    return projects;
  },
});
