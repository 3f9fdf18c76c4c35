import { createServer, Socket, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGateway } from '../../src/neo4j/gateway.js';
import { QueryRegistry } from '../../src/neo4j/query-registry.js';
import { projectRoot } from '../../src/paths.js';

describe('Bolt connections', () => {
  afterEach(() => vi.restoreAllMocks());

  // Without TCP_NODELAY a Bolt message longer than one 1,400-byte chunk (any batch with a few
  // dozen parameters) waits ~40 ms for a delayed ACK on loopback: neo4j-driver sets it from 6.3.
  it('disable Nagle’s algorithm', async () => {
    const noDelay = vi.spyOn(Socket.prototype, 'setNoDelay');
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const db = createGateway({
      uri: `bolt://127.0.0.1:${port}`,
      user: 'neo4j',
      password: 'unused',
      database: 'neo4j',
      queries: new QueryRegistry(join(projectRoot, 'cypher')),
    });
    try {
      await expect(db.ping()).rejects.toThrow();
      expect(noDelay).toHaveBeenCalledWith(true);
    } finally {
      await db.close();
      server.close();
    }
  });
});
