/**
 * The test kit's free ports come from outside the kernel's ephemeral range: a port from inside it
 * can be taken by any outgoing connection before the child process binds it (a Temporal dev
 * server once failed to start with "address already in use" that way).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { describe, it } from '@jest/globals';
import { freePort } from '../testkit/ports';

const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);

describe('freePort', () => {
  it('gives ports outside the ephemeral range that can be bound', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) assert.ok(port < low! || port > high!, `${port} is outside ${low}–${high}`);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(ports[0], '127.0.0.1', resolve));
    assert.equal((server.address() as net.AddressInfo).port, ports[0]);
    await new Promise((resolve) => server.close(resolve));
  });
});
