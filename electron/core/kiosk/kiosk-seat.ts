import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/atomic';

// Whether this computer is a kiosk. A kiosk is a computer, not the clinic: on a clinic's database server every
// seat shares the database, so the administrator's setting is kept in this seat's own data folder (kiosk.json,
// beside seat.json and the seat's copy of the clinic key), and the start flag --kiosk does the same for one run.

export const KIOSK_FILE = 'kiosk.json';

export interface KioskSeat {
  /** True while this seat shows the kiosk (and nothing else). */
  readonly active: boolean;
  /** The administrator's setting for this computer. */
  readonly configured: boolean;
  /** Sets it: turning it on makes this seat a kiosk now and at every start; off, an ordinary seat. */
  configure(enabled: boolean): void;
  /** Staff signed in to leave kiosk mode: an ordinary seat until MedLink starts again. */
  leave(): void;
}

export interface KioskSeatOptions {
  /** --kiosk on the command line: a kiosk for this run whatever the setting. */
  flag?: boolean;
  /** The seat became a kiosk or stopped being one (Electron swaps its windows). */
  onChange?(active: boolean): void;
}

function readSetting(dataDir: string): boolean {
  const file = join(dataDir, KIOSK_FILE);
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { kiosk?: unknown }).kiosk === true;
  } catch {
    // A damaged file is no setting: the seat starts as an ordinary one and the administrator sets it again.
    return false;
  }
}

export function kioskSeat(dataDir: string, options: KioskSeatOptions = {}): KioskSeat {
  let configured = readSetting(dataDir);
  let active = configured || !!options.flag;
  const set = (now: boolean) => {
    if (now === active) return;
    active = now;
    options.onChange?.(now);
  };
  return {
    get active() {
      return active;
    },
    get configured() {
      return configured;
    },
    configure(enabled) {
      writeFileAtomic(join(dataDir, KIOSK_FILE), `${JSON.stringify({ kiosk: enabled })}\n`);
      configured = enabled;
      set(enabled);
    },
    leave: () => set(false),
  };
}
