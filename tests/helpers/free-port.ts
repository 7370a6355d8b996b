import { createServer } from 'node:net';

/** A loopback port nothing listens on (yet): for a server to start on, or one that is down. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
