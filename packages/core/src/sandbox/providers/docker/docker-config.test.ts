import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeBuildImage, composeOverride, parseDockerConfig, readComposeFile } from './docker-config.js';
import { dockerSandbox } from './docker-sandbox.js';

function composeFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'assay-compose-config-')), 'compose.yaml');
  writeFileSync(path, text);
  return path;
}

describe('docker sandbox config', () => {
  it('tells an image name, a Dockerfile and a compose file apart, and refuses what is neither', () => {
    expect(parseDockerConfig('debian:bookworm')).toEqual({ kind: 'image', image: 'debian:bookworm' });
    const compose = composeFile('services:\n  default:\n    image: debian\n');
    expect(parseDockerConfig(compose)).toEqual({ kind: 'compose', path: compose });
    const dockerfile = join(mkdtempSync(join(tmpdir(), 'assay-dockerfile-config-')), 'Dockerfile');
    writeFileSync(dockerfile, 'FROM debian\n');
    expect(parseDockerConfig(dockerfile)).toMatchObject({ kind: 'dockerfile', path: dockerfile, image: expect.stringMatching(/^assay-dockerfile-[0-9a-f]{12}:latest$/) });
    for (const bad of [null, '', '--privileged', '/missing/compose.yaml', '/missing/Dockerfile']) {
      expect(() => parseDockerConfig(bad), String(bad)).toThrow(expect.objectContaining({ code: 'sandbox_config' }));
    }
  });

  it('puts the default service first: x-default, else "default", else the first', () => {
    expect(readComposeFile(composeFile('services:\n  a: {image: x}\n  b: {image: x, x-default: true}\n')).services).toEqual(['b', 'a']);
    expect(readComposeFile(composeFile('services:\n  a: {image: x}\n  default: {image: x}\n')).services).toEqual(['default', 'a']);
    expect(readComposeFile(composeFile('services:\n  a: {image: x}\n  b: {image: x}\n')).services).toEqual(['a', 'b']);
    expect(() => readComposeFile(composeFile('services:\n  a: {image: x, x-default: true}\n  b: {image: x, x-default: true}\n'))).toThrow(
      expect.objectContaining({ code: 'sandbox_config' }),
    );
    expect(() => readComposeFile(composeFile('name: nothing\n'))).toThrow(/no services/);
    expect(() => readComposeFile(composeFile('services: [\n'))).toThrow(expect.objectContaining({ code: 'sandbox_config' }));
    expect(() => dockerSandbox.validateConfig!(composeFile('services: {}\n'))).toThrow(expect.objectContaining({ code: 'sandbox_config' }));
  });

  it('labels every service, gives no network and default limits unless the file sets its own, and tags built images', () => {
    const compose = readComposeFile(
      composeFile(`services:
  plain: {image: x}
  networked: {image: x, network_mode: bridge, pids_limit: 50, mem_limit: 1g}
  joined: {image: x, networks: [inner], deploy: {resources: {limits: {pids: 10, memory: 100m}}}}
  built: {build: .}
networks:
  inner: {}
  outside: {external: true}
volumes:
  data: {}
`),
    );
    const labels = { 'assay.sandbox': '1', 'assay.run': 'run1', 'assay.pid': '42', 'assay.project': 'assay-run1-abcd' };
    const override = composeOverride({ compose, labels }) as {
      services: Record<string, Record<string, unknown>>;
      networks: Record<string, unknown>;
      volumes: Record<string, unknown>;
    };
    expect(override.services.plain).toEqual({ labels, network_mode: 'none', pids_limit: 512, mem_limit: '2g' });
    expect(override.services.networked).toEqual({ labels });
    expect(override.services.joined).toEqual({ labels });
    expect(override.services.built).toMatchObject({ network_mode: 'none', image: composeBuildImage(compose, 'built') });
    expect(override.networks).toEqual({ inner: { labels } });
    expect(override.volumes).toEqual({ data: { labels } });
  });

  it('reports a Docker daemon that cannot be reached as sandbox_unavailable, saying what to do', async () => {
    const previous = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `unix://${join(tmpdir(), 'assay-no-docker-daemon.sock')}`;
    try {
      const error = await dockerSandbox.taskInit!({ taskName: 'test', config: 'debian:bookworm', runId: 'run1' }).catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ code: 'sandbox_unavailable' });
      expect((error as Error).message).toMatch(/Docker|docker/);
      expect((error as Error).message).toMatch(/Start it|install/i);
    } finally {
      if (previous === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = previous;
    }
  });
});
