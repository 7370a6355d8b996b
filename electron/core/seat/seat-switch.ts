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
   * from a backup set, which puts the old clinic back itself if it fails) and opens whatever clinic is then there;
   * `opened` runs in the replacing clinic once it is open.
   */
  replaceClinic(replace: () => Promise<void>, opened: (deps: Deps) => Promise<void>): void;
}
