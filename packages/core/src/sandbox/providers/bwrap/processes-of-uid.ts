import { readdirSync, readFileSync } from 'node:fs';

/** Host pids of the processes whose real uid is `uid` (an environment's own host uid). */
export function processesOfUid(uid: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const real = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1];
      if (Number(real) === uid) pids.push(Number(name));
    } catch {
      // Exited while we looked.
    }
  }
  return pids;
}
