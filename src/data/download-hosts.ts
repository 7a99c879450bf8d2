/**
 * Which hosts a download may go to. An experiment's URL comes from a file or a queued job that
 * anyone on a team can write, and a worker fetches it from inside the team's network: without a
 * limit it would fetch from the machine's own services (127.0.0.1), the LAN or the cloud's
 * metadata address (169.254.169.254) and keep the answer in the shared cache. So a download goes
 * only to a host the allow-list names: by default the hosts the public IDX data sets are
 * published on; `AELAB_DOWNLOAD_ALLOW` (host names or addresses, comma-separated) replaces the
 * list on a machine whose operator wants others. A host of the default list must also resolve to
 * public addresses only; loopback, private and link-local addresses are reached only when the
 * operator names that host in AELAB_DOWNLOAD_ALLOW.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export const DOWNLOAD_ALLOW_ENV = 'AELAB_DOWNLOAD_ALLOW';

/** Where MNIST, Fashion-MNIST and their usual mirrors (Keras, PyTorch, the authors') publish the IDX files. */
export const PUBLISHED_HOSTS: readonly string[] = [
  'storage.googleapis.com',
  'ossci-datasets.s3.amazonaws.com',
  'yann.lecun.com',
  'fashion-mnist.s3-website.eu-central-1.amazonaws.com',
  'github.com',
  'raw.githubusercontent.com',
  'objects.githubusercontent.com',
];

/** Loopback, private, link-local, shared (CGNAT), unspecified, multicast and reserved ranges. */
const INTERNAL = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const)
  INTERNAL.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  INTERNAL.addSubnet(net, bits, 'ipv6');

/** Whether an address is not on the public internet (an IPv4-mapped IPv6 address counts as its IPv4). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return INTERNAL.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return INTERNAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const normal = (host: string): string =>
  host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');

/** The hosts the operator allowed on this machine, or undefined when the default list applies. */
function operatorList(env: NodeJS.ProcessEnv): string[] | undefined {
  const text = env[DOWNLOAD_ALLOW_ENV];
  if (text === undefined || text.trim() === '') return undefined;
  return text
    .split(',')
    .map((h) => normal(h.trim()))
    .filter(Boolean);
}

/**
 * Undefined when `url` may be fetched; otherwise why not, in words that name the host and the
 * setting (never anything the host sent).
 */
export async function downloadRefusal(url: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  let host: string;
  try {
    host = normal(new URL(url).hostname);
  } catch {
    return 'not a valid URL';
  }
  const operator = operatorList(env);
  if (operator?.includes(host)) return undefined; // named by this machine's operator: allowed as it is
  const list = operator ?? PUBLISHED_HOSTS;
  if (!list.includes(host))
    return `downloads go only to hosts the allow-list names (${operator ? `${DOWNLOAD_ALLOW_ENV}=${operator.join(',')}` : `the hosts the data sets are published on: ${PUBLISHED_HOSTS.join(', ')}`}), and ${host} is not one; the operator of this machine can allow it with ${DOWNLOAD_ALLOW_ENV}=${host}`;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch (e) {
    return `cannot resolve ${host} (${(e as NodeJS.ErrnoException).code ?? 'lookup failed'})`;
  }
  const internal = addresses.find(isInternalAddress);
  if (internal !== undefined)
    return `${host} resolves to ${internal}, an address on this machine or its private network; downloads go there only when ${DOWNLOAD_ALLOW_ENV} names the host`;
  return undefined;
}
