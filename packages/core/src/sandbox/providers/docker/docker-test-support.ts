import { execFileSync } from 'node:child_process';

/** The image the docker tests run in, built from Debian packages by scripts/docker-test-image.sh. */
export const dockerTestImage = process.env.ASSAY_DOCKER_TEST_IMAGE ?? 'assay-test-debian:bookworm';

/**
 * Why the docker tests cannot run here, or undefined when they can. In CI (CI=true) a missing daemon or image is a
 * failure, not a skip.
 */
export function dockerUnavailableReason(): string | undefined {
  const run = (args: string[]): string | undefined => {
    try {
      execFileSync('docker', args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
      return undefined;
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
      return stderr || (error as Error).message;
    }
  };
  const daemon = run(['version', '--format', '{{.Server.Version}}']);
  if (daemon !== undefined) return `no Docker daemon (${daemon.split('\n')[0]}); .ci/run installs and starts one`;
  const image = run(['image', 'inspect', dockerTestImage]);
  if (image !== undefined) return `image ${dockerTestImage} is missing; build it with scripts/docker-test-image.sh`;
  return undefined;
}
