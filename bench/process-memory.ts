/**
 * Resident memory of a process tree, read from /proc: what a sweep's processes hold together
 * (GNU time's maximum RSS is that of the largest single process, not of the tree).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory of a process and all its descendants (or only the descendants), in KiB. */
export function treeRssKiB(root: number, withRoot = true): number {
  return treeRss(root, withRoot).total;
}

/** The tree's resident memory in KiB, in all and per process. */
export function treeRss(root: number, withRoot = true): { total: number; perPid: Map<number, number> } {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSafe('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const kib = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      rss.set(pid, kib);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      /* the process ended while we looked */
    }
  }
  let total = 0;
  const perPid = new Map<number, number>();
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    if (withRoot || pid !== root) {
      total += rss.get(pid) ?? 0;
      perPid.set(pid, rss.get(pid) ?? 0);
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return { total, perPid };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
