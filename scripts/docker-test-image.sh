#!/usr/bin/env bash
# Builds the image the docker sandbox tests run in, from this machine's own Debian packages (no image registry is
# needed): a minimal bookworm root filesystem made with mmdebstrap, `docker import`ed as assay-test-debian:bookworm.
# Skips the build when the image is already there. Needs: a running Docker daemon, mmdebstrap, root (or fakeroot).
set -euo pipefail
IMAGE="${ASSAY_DOCKER_TEST_IMAGE:-assay-test-debian:bookworm}"
if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "$IMAGE already exists; not rebuilding."
  exit 0
fi
if ! command -v mmdebstrap >/dev/null 2>&1; then
  echo "mmdebstrap is needed to build $IMAGE (apt-get install mmdebstrap)." >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mmdebstrap --variant=minbase --include=bash,python3,procps,coreutils --quiet \
  bookworm "$work/rootfs.tar"
docker import --change 'CMD ["bash"]' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  "$work/rootfs.tar" "$IMAGE" >/dev/null
echo "Built $IMAGE."
