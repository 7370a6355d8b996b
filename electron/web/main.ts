import { resolve } from 'node:path';
import { createApp } from '../core/app';
import { seedDemo } from '../core/demo';
import { kioskSeat } from '../core/kiosk/kiosk-seat';
import { startSeat } from '../core/seat/seat';
import { keyFileFor } from '../core/secrets/seat-key';
import { googleEndpointsFromEnv } from '../core/video/google-endpoints';
import { defaultDataDir } from './data-dir';
import { createWebServer } from './server';

// Browser mode entry: `npm run start:web [-- --demo]`. Bundled to dist/web/server.cjs, beside dist/renderer.
async function main() {
  // Health data: every file this process writes is its owner's alone, whatever the user's usual umask.
  process.umask(0o077);
  const port = Number(process.env.MEDLINK_PORT ?? 5180);
  // The seat answers at once; while the clinic's database server is away the screens say so and it keeps trying.
  const dataDir = defaultDataDir();
  const keyFile = keyFileFor(dataDir);
  // --kiosk: the patient window (/?portal=patient) is this seat's kiosk, as the Electron app's one window would be.
  const kiosk = kioskSeat(dataDir, { flag: process.argv.includes('--kiosk') });
  const seat = startSeat({
    dataDir,
    databaseUrl: process.env.MEDLINK_DATABASE_URL || undefined,
    createApp,
    // No keychain in browser mode: the key file, outside the data folder, is readable by its owner only. Google's own
    // endpoints, unless a test points browser mode at its fake on loopback (MEDLINK_GOOGLE_FAKE).
    appOptions: { keyFile, kiosk, google: { endpoints: googleEndpointsFromEnv(process.env) } },
    log: (m) => console.error(m),
  });
  console.log(`Data folder: ${dataDir}; clinic key: ${keyFile} (readable by this user only)`);
  if (process.argv.includes('--demo')) {
    await seat.whenReady();
    console.log(await seedDemo(seat.ready()!));
  }
  const server = createWebServer(seat, resolve(__dirname, '../renderer'));
  server.on('error', (e) => {
    console.error(`MedLink could not start: ${e.message}`);
    process.exit(1);
  });
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    console.log(`MedLink is running at http://127.0.0.1:${actual}`);
  });
  const stop = () => {
    server.closeAllConnections();
    server.close(() => void seat.close().then(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`MedLink could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
