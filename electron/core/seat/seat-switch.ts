import type { Deps } from '../context';
import type { ServerAddress } from '../../../shared/contract/seat';

/** What the first run's seat.connect call asks of the seat it runs in (seat.ts). */
export interface SeatSwitch {
  /** Opens the server with these details (migrating its database) and closes it again; a DomainError says what is wrong. Changes nothing on this computer. */
  check(server: ServerAddress): Promise<void>;
  /** Once the call has committed: keeps the server in seat.json and moves this seat onto it. */
  switchTo(server: ServerAddress): void;
  /**
   * Once the call has committed: closes this seat's clinic (after the calls in progress), runs `replace` (a restore
   * from a backup set, which puts the old clinic back itself if it fails) and opens whatever clinic is then there.
   * When the replacing clinic opens, `opened` runs in it; when it does not, `replace`'s undo puts the old clinic
   * back and that one is opened again.
   */
  replaceClinic(replace: () => Promise<{ undo(): void }>, opened: (deps: Deps) => Promise<void>): void;
}
