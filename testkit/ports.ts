import { readFileSync } from 'node:fs';
import net from 'node:net';

/**
 * The kernel's ephemeral range, from which it picks the local port of every outgoing connection
 * (Linux default 32768–60999). A port handed out from it can be taken, between our check and the
 * child's bind, by any of the suite's many client connections: a Temporal server then failed to
 * start with "address already in use". Ports below the range are only ever taken by a bind.
 */
function ephemeralRange(): { low: number; high: number } {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && Number.isInteger(high)) return { low: low!, high: high! };
  } catch {
    // Not Linux: the IANA dynamic range, which macOS and Windows use.
  }
  return { low: 49152, high: 65535 };
}

const FIRST_CANDIDATE = 10_000;

function bindable(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A TCP port free on 127.0.0.1 right now, chosen at random outside the ephemeral range (so no
 * outgoing connection takes it before it is bound); the kernel's choice if none is found.
 */
export async function freePort(): Promise<number> {
  const { low, high } = ephemeralRange();
  // The widest stretch outside the ephemeral range, above well-known service ports.
  const [from, to] = low - FIRST_CANDIDATE >= 65535 - high ? [FIRST_CANDIDATE, low - 1] : [high + 1, 65535];
  for (let attempt = 0; attempt < 50 && to > from; attempt += 1) {
    const port = from + Math.floor(Math.random() * (to - from + 1));
    const bound = await bindable(port);
    if (bound !== undefined) return bound;
  }
  const any = await bindable(0);
  if (any === undefined) throw new Error('no free TCP port on 127.0.0.1');
  return any;
}
