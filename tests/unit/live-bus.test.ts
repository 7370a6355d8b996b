import { describe, expect, it } from 'vitest';
import { createLiveBus, type Feed } from '../../electron/core/live/bus';
import { appointmentChange, doctorChange, fromOtherSeat, mailChange } from '../../electron/core/live/changes';
import type { LiveEvent } from '../../shared/live';

function feed() {
  const heard: { id: string; event: LiveEvent }[] = [];
  let ended = false;
  const f: Feed = { deliver: (id, event) => heard.push({ id, event }), end: () => (ended = true) };
  return { f, heard, events: () => heard.map((h) => h.event), ended: () => ended };
}

describe('the bus of changes', () => {
  it('tells each viewer only what their role or their own relation lets them hear of', () => {
    const bus = createLiveBus();
    const desk = feed();
    const patient = feed();
    const otherPatient = feed();
    const admin = feed();
    bus.subscribe({ userId: 1, roles: ['front_desk'] }, undefined, desk.f);
    bus.subscribe({ userId: 2, roles: ['patient'] }, undefined, patient.f);
    bus.subscribe({ userId: 3, roles: ['patient'] }, undefined, otherPatient.f);
    bus.subscribe({ userId: 4, roles: ['admin'] }, undefined, admin.f);
    bus.publish([appointmentChange(10, 2, 9), doctorChange(5, 9), mailChange(null)]);
    expect(desk.events()).toEqual([{ topic: 'appointments', id: 10 }, { topic: 'doctors', id: 5 }]);
    expect(patient.events()).toEqual([{ topic: 'appointments', id: 10 }]);
    expect(otherPatient.events()).toEqual([]);
    expect(admin.events()).toEqual([{ topic: 'doctors', id: 5 }, { topic: 'mail', id: null }]);
    // A reset goes to everyone.
    bus.resetAll();
    expect(otherPatient.events()).toEqual([{ topic: 'all', id: null }]);
    bus.close();
    expect([desk.ended(), patient.ended()]).toEqual([true, true]);
    expect(bus.size).toBe(0);
  });

  it('replays after a resume point from its bounded history, and says "all" for one beyond it or from another run', () => {
    const bus = createLiveBus(3);
    const viewer = { userId: 1, roles: ['front_desk'] as const };
    const first = feed();
    const stop = bus.subscribe(viewer, undefined, first.f);
    bus.publish([appointmentChange(1)]);
    const resume = first.heard.at(-1)!.id;
    stop();
    bus.publish([appointmentChange(2), appointmentChange(3)]);
    const back = feed();
    bus.subscribe(viewer, resume, back.f);
    expect(back.events()).toEqual([{ topic: 'appointments', id: 2 }, { topic: 'appointments', id: 3 }]);
    expect(back.heard.at(-1)!.id).toBe(bus.lastId);

    // Three more: the history (3) no longer reaches back to `resume`.
    bus.publish([appointmentChange(4), appointmentChange(5), appointmentChange(6)]);
    for (const stale of [resume, `${'0'.repeat(16)}.1`, `${bus.lastId.split('.')[0]}.999`, 'garbage']) {
      const f = feed();
      bus.subscribe(viewer, stale, f.f);
      expect(f.heard).toEqual([{ id: bus.lastId, event: { topic: 'all', id: null } }]);
    }
  });

  it("reads other seats' notifications, ignoring its own and anything malformed", () => {
    const change = appointmentChange(7, 2, 3);
    expect(fromOtherSeat(JSON.stringify({ o: 'other', c: [change] }), 'mine')).toEqual([change]);
    expect(fromOtherSeat(JSON.stringify({ o: 'mine', c: [change] }), 'mine')).toBeNull();
    // Too many to list: the other seat sent only its origin, and every screen reads everything.
    expect(fromOtherSeat(JSON.stringify({ o: 'other' }), 'mine')).toBe('all');
    for (const bad of ['not json', '{}', JSON.stringify({ o: 'x', c: [{ topic: 'secrets', id: 1, audience: { roles: [], users: [] } }] }), JSON.stringify({ o: 'x', c: [{ ...change, audience: { roles: ['root'], users: [] } }] })]) {
      expect(fromOtherSeat(bad, 'mine'), bad).toBeNull();
    }
  });
});
