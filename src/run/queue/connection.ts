import { Redis } from 'ioredis';
import { redact, type QueueAddress } from './redis-url.js';

/** The BullMQ queue that holds aelab's trials (one queue for every sweep; jobs are named by sweep). */
export const QUEUE_NAME = 'aelab-trials';

/**
 * A Redis connection for BullMQ. `maxRetriesPerRequest: null` is what BullMQ's blocking calls
 * need; commands wait through a Redis restart instead of failing, and the client reconnects with
 * a short back-off, so a restarted server (appendonly, nothing lost) is picked up again.
 * Connection errors are reported once per outage, without the password.
 */
export function redisConnection(address: QueueAddress, report: (message: string) => void): Redis {
  const client = new Redis({
    host: address.host,
    port: address.port,
    db: address.db,
    ...(address.username ? { username: address.username } : {}),
    ...(address.password ? { password: address.password } : {}),
    ...(address.tls ? { tls: { servername: address.host } } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(200 * times, 2000),
    lazyConnect: false,
  });
  let down = false;
  client.on('error', (e: Error) => {
    if (down) return;
    down = true;
    report(`queue ${address.display}: ${redact(e.message, address)} (retrying)`);
  });
  client.on('ready', () => {
    if (down) report(`queue ${address.display}: connected again`);
    down = false;
  });
  return client;
}
