import type { ChannelName } from '../../shared/contract';

/** IPC names the preload and the main process share. */
export const INVOKE_CHANNEL = 'medlink:invoke';

/**
 * The contract's channel names, by hand: importing the contract would bundle zod and every schema into the
 * sandboxed preload. `satisfies` turns a missing or extra name into a compile error, and
 * tests/electron/preload-bundle.test.ts checks the built bundle against the contract.
 */
export const CHANNELS = {
  'setup.status': true,
  'setup.complete': true,
  'auth.login': true,
  'auth.session': true,
  'auth.logout': true,
  'auth.changePassword': true,
  'patients.signup': true,
  'patients.me': true,
  'patients.updateMe': true,
  'patients.search': true,
  'patients.get': true,
  'doctors.signup': true,
  'doctors.me': true,
  'doctors.resubmit': true,
  'doctors.directory': true,
  'admin.pendingDoctors': true,
  'admin.decideDoctor': true,
  'admin.listStaff': true,
  'admin.createStaff': true,
  'admin.resetPassword': true,
  'admin.auditLog': true,
  'admin.verifyAudit': true,
  'settings.get': true,
  'settings.update': true,
  'mail.settings': true,
  'mail.saveSettings': true,
  'mail.sendTest': true,
  'mail.queue': true,
  'mail.retry': true,
  'availability.get': true,
  'availability.save': true,
  'availability.setException': true,
  'availability.removeException': true,
  'holidays.list': true,
  'holidays.set': true,
  'holidays.remove': true,
  'doctors.slots': true,
  'appointments.book': true,
  'appointments.reschedule': true,
  'appointments.cancel': true,
  'appointments.setStatus': true,
  'appointments.mine': true,
  'appointments.schedule': true,
  'appointments.history': true,
  'appointments.blockTime': true,
  'appointments.unblock': true,
} as const satisfies Record<ChannelName, true>;
