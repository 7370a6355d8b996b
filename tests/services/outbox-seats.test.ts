import { describe, expect, inject, it, vi } from 'vitest';
import { newClinic, ok, type Clinic } from '../helpers/clinic';
import { openSeat, SEATS_TIMEOUT, type Seat } from '../helpers/seat';
import { outboxRows, smtpServer, useSmtp } from '../helpers/smtp';

// Two seats, each a process of its own with its own mail sender, deliver one clinic's outbox to a real SMTP
// server. Each seat's clock stands still at its own instant (the second one a second later), so a row's lease
// and sent time tell which seat claimed and sent it.

const SECOND = 1000;
const LEASE_MINUTES = 5;

async function twoSeats(clinic: Clinic): Promise<{ first: Seat; second: Seat; at: (seat: Seat) => Date }> {
  const t0 = clinic.clock.now().getTime();
  const [first, second] = await Promise.all([openSeat(clinic, { now: new Date(t0) }), openSeat(clinic, { now: new Date(t0 + SECOND) })]);
  return { first, second, at: (seat) => new Date(seat === first ? t0 : t0 + SECOND) };
}

/** Test messages queued through a seat's dispatch, as the administrator's "Send a test" does; none goes out yet. */
async function queueTests(seat: Seat, clinic: Clinic, n: number) {
  const results = await seat.dispatch(Array.from({ length: n }, (_, i) => ({ channel: 'mail.sendTest', input: { to: `reader${i}@example.in` }, token: clinic.adminToken })));
  results.forEach(ok);
}

const isoAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60 * SECOND).toISOString();

describe('the outbox with two seat processes', () => {
  it('both senders racing over one queue deliver every message exactly once', async () => {
    const clinic = await newClinic();
    const server = await smtpServer({ delayMs: 10 });
    await useSmtp(clinic, server.port);
    const { first, second, at } = await twoSeats(clinic);
    await queueTests(first, clinic, 50);

    const [a, b] = await Promise.all([first.runSender(), second.runSender()]);
    // Both took part, and between them sent each message once.
    expect(a.done).toBeGreaterThan(0);
    expect(b.done).toBeGreaterThan(0);
    expect(a.done + b.done).toBe(50);
    expect(a.failed + b.failed).toBe(0);
    const rows = await outboxRows(clinic.app);
    expect(rows).toHaveLength(50);
    expect(server.countsByMessageId()).toEqual(new Map(rows.map((r) => [r.message_id, 1])));
    for (const r of rows) expect(r).toMatchObject({ status: 'sent', attempts: 0, lease_until: null, last_error: null });
    expect(rows.filter((r) => r.sent_at === at(first).toISOString())).toHaveLength(a.done);
    // Neither lost a claim to the other (the sender logs every one it loses).
    expect([first.log, second.log]).toEqual([[], []]);
  }, SEATS_TIMEOUT);

  it('a seat killed mid-delivery: the other sends the rest at once, and its claimed message once the lease runs out', async () => {
    const clinic = await newClinic();
    const server = await smtpServer({ delayMs: 50 });
    await useSmtp(clinic, server.port);
    const { first: survivor, second: victim, at } = await twoSeats(clinic);
    await queueTests(survivor, clinic, 40);
    const victimLease = isoAfter(at(victim), LEASE_MINUTES);

    const surviving = survivor.runSender();
    void victim.runSender().catch(() => undefined);
    await vi.waitFor(() => expect(server.received.length).toBeGreaterThanOrEqual(8), { timeout: 30_000, interval: 10 });
    // Stop the victim where it is; if it holds a message (claimed, being sent), kill it there; if it is between two,
    // let it go on and catch it in the next one.
    let held: string | undefined;
    for (let tries = 0; tries < 50 && held === undefined; tries++) {
      process.kill(victim.pid, 'SIGSTOP');
      // Let a statement it had already sent finish in the database.
      await new Promise((r) => setTimeout(r, 100));
      held = (await outboxRows(clinic.app)).find((r) => r.status === 'sending' && r.lease_until === victimLease)?.message_id;
      if (held === undefined) {
        process.kill(victim.pid, 'SIGCONT');
        await new Promise((r) => setTimeout(r, 15));
      }
    }
    expect(held, 'the victim never held a message when stopped').toBeDefined();
    await victim.kill();

    // The survivor sends everything else; the dead seat's message waits for its lease, as it may still be on its way.
    const first = await surviving;
    expect(first.failed).toBe(0);
    let rows = await outboxRows(clinic.app);
    expect(rows.filter((r) => r.status !== 'sent').map((r) => [r.message_id, r.status, r.lease_until])).toEqual([[held, 'sending', victimLease]]);
    expect(await survivor.runSender()).toEqual({ done: 0, failed: 0 });

    await survivor.advanceClock(LEASE_MINUTES + 1);
    expect(await survivor.runSender()).toEqual({ done: 1, failed: 0 });
    rows = await outboxRows(clinic.app);
    for (const r of rows) expect(r).toMatchObject({ status: 'sent', attempts: 0, lease_until: null, last_error: null });
    expect(rows.find((r) => r.message_id === held)!.sent_at).toBe(isoAfter(at(survivor), LEASE_MINUTES + 1));
    // Nothing lost. The one message the victim held may have reached the server before it died: then it came
    // twice, with the same Message-ID, the one duplicate the lease design allows. Every other message came once.
    const counts = server.countsByMessageId();
    expect(new Set(counts.keys())).toEqual(new Set(rows.map((r) => r.message_id)));
    expect([1, 2]).toContain(counts.get(held!));
    counts.delete(held!);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(survivor.log).toEqual([]);
  }, SEATS_TIMEOUT);
});

describe.skipIf(!inject('postgresUrl'))("seats on the clinic's database server, one computer's clock wrong", () => {
  it('a seat whose clock is 10 minutes fast takes over no live claim: leases follow the server, every message is sent once', async () => {
    const clinic = await newClinic();
    const server = await smtpServer({ delayMs: 20 });
    await useSmtp(clinic, server.port);
    const [right, fast] = await Promise.all([openSeat(clinic), openSeat(clinic, { clockAheadMinutes: 10 })]);
    await queueTests(right, clinic, 40);

    const [a, b] = await Promise.all([right.runSender(), fast.runSender()]);
    expect(a.done).toBeGreaterThan(0);
    expect(b.done).toBeGreaterThan(0);
    expect(a.done + b.done).toBe(40);
    const rows = await outboxRows(clinic.app);
    expect(server.countsByMessageId()).toEqual(new Map(rows.map((r) => [r.message_id, 1])));
    for (const r of rows) expect(r).toMatchObject({ status: 'sent', attempts: 0, lease_until: null, last_error: null });
    // Neither lost a claim; the fast seat says its clock is off and follows the server's.
    expect(right.log).toEqual([]);
    expect(fast.log).toEqual(["this computer's clock is 600 s off the database server's; the outbox follows the server's"]);
  }, SEATS_TIMEOUT);
});
