/**
 * What tells this machine's processes apart from another machine's with the same host name (cloned
 * VMs, containers named alike): the kernel's id of this boot and the pid namespace. Two records
 * with the same machine id were written where one pid means one process, so a pid can be checked;
 * with any other id only time can tell whether their writer is alive.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import os from 'node:os';

let cached: string | undefined;

/** `<boot id>/<pid namespace>`; where the kernel does not say (not Linux), the host name alone. */
export function machineId(): string {
  if (cached !== undefined) return cached;
  let boot = '';
  let pidSpace = '';
  try {
    boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    /* not Linux */
  }
  try {
    pidSpace = readlinkSync('/proc/self/ns/pid');
  } catch {
    /* not Linux */
  }
  cached = boot ? `${boot}/${pidSpace}` : `host:${os.hostname()}`;
  return cached;
}
