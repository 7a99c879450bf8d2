/**
 * Whether the process group of a server we started is the one listening on a TCP port of
 * 127.0.0.1: the kernel's socket table (/proc/net/tcp) gives the listening socket's inode, and
 * /proc/<pid>/fd of the group's processes shows who holds it. An answer on the port is otherwise
 * no proof: when our server fails to bind, whatever else listens there answers in its place.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';

/** true or false on Linux; undefined where the kernel's tables cannot be read. */
export async function groupListensOn(pgid: number, port: number): Promise<boolean | undefined> {
  let table: string;
  try {
    table = await readFile('/proc/net/tcp', 'utf8');
  } catch {
    return undefined;
  }
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const inodes = new Set<string>();
  for (const line of table.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    // local_address, state 0A = LISTEN, inode
    if ((f[1] === local || f[1] === `00000000:${local.slice(9)}`) && f[3] === '0A' && f[9]) inodes.add(f[9]);
  }
  if (inodes.size === 0) return false;
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // pgrp is the 3rd field after the `(comm)`, whose name may hold spaces.
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(after[2]) !== pgid) continue;
    for (const fd of await readdir(`/proc/${name}/fd`).catch(() => [] as string[])) {
      const target = await readlink(`/proc/${name}/fd/${fd}`).catch(() => '');
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m && inodes.has(m[1]!)) return true;
    }
  }
  return false;
}
