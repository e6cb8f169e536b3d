import { existsSync, lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { BwrapSettings } from './bwrap-config.js';

/** The sandbox's own user: uid and gid inside, mapped to a fresh unprivileged host uid per environment. */
export const sandboxUser = { name: 'user', uid: 1000, home: '/home/user' } as const;
/** The working directory: the default cwd, where relative paths resolve. */
export const sandboxWorkDir = '/work';
/** The environment every command starts from; nothing of the runner's crosses. */
export const sandboxPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Files of the host's `/etc` a small machine needs; nothing secret (no shadow, ssh keys, or ssl private keys). */
const hostEtc = [
  'alternatives',
  'bash.bashrc',
  'ca-certificates',
  'debian_version',
  'host.conf',
  'inputrc',
  'ld.so.cache',
  'ld.so.conf',
  'ld.so.conf.d',
  'localtime',
  'magic',
  'magic.mime',
  'mime.types',
  'nsswitch.conf',
  'os-release',
  'profile',
  'protocols',
  'python3',
  'python3.11',
  'services',
  'ssl/certs',
  'terminfo',
];

/** Top-level names never taken from the host or a rootfs: the sandbox has its own. */
const ownTopLevel = new Set(['dev', 'proc', 'sys', 'tmp', 'work', 'home', 'root', 'run', 'mnt', 'media', 'lost+found']);

/** Files generated for the sandbox, handed to bwrap through pipes (`--ro-bind-data FD`). */
export function sandboxEtcFiles(hostname: string): { path: string; contents: string }[] {
  const { name, uid, home } = sandboxUser;
  return [
    {
      path: '/etc/passwd',
      contents: `root:x:0:0:root:/root:/bin/bash\n${name}:x:${uid}:${uid}:${name}:${home}:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n`,
    },
    { path: '/etc/group', contents: `root:x:0:\n${name}:x:${uid}:\nnogroup:x:65534:\n` },
    { path: '/etc/hosts', contents: `127.0.0.1\tlocalhost ${hostname}\n::1\tlocalhost ip6-localhost ip6-loopback\n` },
  ];
}

/**
 * bwrap's arguments for one long-lived environment: its own user (no capabilities; no further user namespaces),
 * mount, PID, IPC, UTS and (unless `network`) network namespaces; a read-only system view; size-limited tmpfs for the
 * writable directories; `--die-with-parent`. `dataFds` are the descriptors of {@link sandboxEtcFiles}, in order; the
 * info descriptor is 3. The command is a process that only waits, so the namespaces outlive each exec.
 */
export function bwrapArguments(options: {
  id: string;
  hostname: string;
  settings: BwrapSettings;
  dataFds: number[];
}): string[] {
  const { settings } = options;
  const args = [
    '--unshare-user',
    '--disable-userns',
    '--uid',
    String(sandboxUser.uid),
    '--gid',
    String(sandboxUser.uid),
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    ...(settings.network ? [] : ['--unshare-net']),
    '--hostname',
    options.hostname,
    '--die-with-parent',
    '--new-session',
    '--info-fd',
    '3',
    '--clearenv',
    '--setenv',
    'PATH',
    sandboxPath,
    '--setenv',
    'ASSAY_SANDBOX_ID',
    options.id,
  ];
  if (settings.rootfs === undefined) args.push('--perms', '0755', '--dir', '/etc');
  const root = settings.rootfs ?? '/';
  const etcFiles = sandboxEtcFiles(options.hostname);
  for (const name of readdirSync(root).sort()) {
    if (ownTopLevel.has(name) || (settings.rootfs === undefined && !isSystemTopLevel(name))) continue;
    const source = join(root, name);
    const info = lstatSync(source);
    if (info.isSymbolicLink()) args.push('--symlink', readlinkSync(source), `/${name}`);
    else if (name === 'etc' && settings.rootfs === undefined) continue;
    else if (info.isDirectory() || info.isFile()) args.push('--ro-bind', source, `/${name}`);
  }
  if (settings.rootfs === undefined) {
    for (const entry of hostEtc) args.push('--ro-bind-try', `/etc/${entry}`, `/etc/${entry}`);
    if (settings.network) args.push('--ro-bind-try', '/etc/resolv.conf', '/etc/resolv.conf');
  }
  etcFiles.forEach((file, index) => {
    // Over a rootfs's own /etc only where the file exists: its read-only bind cannot gain new files.
    if (settings.rootfs === undefined || existsSync(join(settings.rootfs, file.path))) {
      args.push('--ro-bind-data', String(options.dataFds[index]), file.path);
    }
  });
  const tmpSize = String(settings.tmpSizeBytes);
  args.push(
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--perms',
    '1777',
    '--size',
    tmpSize,
    '--tmpfs',
    '/dev/shm',
    // bwrap's /dev is an unbounded tmpfs the sandbox's user owns: read-only, so nothing can fill it.
    '--remount-ro',
    '/dev',
    '--size',
    tmpSize,
    '--tmpfs',
    sandboxWorkDir,
    '--perms',
    '1777',
    '--size',
    tmpSize,
    '--tmpfs',
    '/tmp',
    '--size',
    tmpSize,
    '--tmpfs',
    sandboxUser.home,
    '--dir',
    '/root',
    '--remount-ro',
    '/',
    '--chdir',
    sandboxWorkDir,
    '--',
    'sleep',
    'infinity',
  );
  return args;
}

/** The host's system directories the default view shows: `/usr`, `/bin`, `/sbin`, `/lib*` (and `/etc`, selectively). */
function isSystemTopLevel(name: string): boolean {
  return name === 'usr' || name === 'bin' || name === 'sbin' || name === 'etc' || /^lib(32|64|x32)?$/.test(name);
}
