import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createWebServer } from '../../electron/web/server';
import { followEventStream } from '../../renderer/src/eventStream';
import type { LiveEvent } from '../../shared/live';
import { newClinic, ok, tempDir } from '../helpers/clinic';
import { bookingClinic, ist } from '../helpers/scheduling';

// The live feed end to end in browser mode: the app, its HTTP server, and the screens' own client for the
// stream (renderer/src/eventStream.ts, on Node's fetch), through a dropped connection.

const TUESDAY = '2026-03-03';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  onTestFinished(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/events`;
}

describe('a screen following the live feed in browser mode', () => {
  it('hears a booking once it is committed, and after its connection drops hears what it missed meanwhile', async () => {
    const clinic = await newClinic();
    const { doctor, asha, desk } = await bookingClinic(clinic);
    const server = createWebServer(clinic.app, tempDir(), { log: () => undefined });
    const url = await listen(server);
    let requests = 0;
    server.on('request', () => requests++);
    const heard: LiveEvent[] = [];
    const stop = followEventStream(url, desk.token, (e) => heard.push(e));
    onTestFinished(stop);
    // The stream is open once the server has a connection to write to.
    await vi.waitFor(async () => expect(await new Promise((r) => server.getConnections((_e, n) => r(n)))).toBe(1));

    const first = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:00'), mode: 'in_person' }, asha.token));
    await vi.waitFor(() => expect(heard).toEqual([{ topic: 'appointments', id: first.id }]));

    // The connection drops (a proxy, a sleeping laptop); while it is down another booking is made.
    server.closeAllConnections();
    const second = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:30'), mode: 'in_person' }, asha.token));
    // The client opens it again after the server's `retry:` (2 s) with Last-Event-ID, and is told what it missed, once.
    await vi.waitFor(() => expect(heard).toEqual([{ topic: 'appointments', id: first.id }, { topic: 'appointments', id: second.id }]), { timeout: 10_000, interval: 50 });

    expect(requests).toBe(2);

    // Signed out: the next attempt is refused (401) and the client stops trying.
    ok(await clinic.call('auth.logout', {}, desk.token));
    server.closeAllConnections();
    await vi.waitFor(() => expect(requests).toBe(3), { timeout: 5_000, interval: 50 });
    await new Promise((r) => setTimeout(r, 3_000));
    expect(requests).toBe(3);
  }, 30_000);
});
