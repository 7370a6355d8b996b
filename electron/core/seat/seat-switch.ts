import type { ServerAddress } from '../../../shared/contract/seat';

/** What the first run's seat.connect call asks of the seat it runs in (seat.ts). */
export interface SeatSwitch {
  /** Opens the server with these details (migrating its database) and closes it again; a DomainError says what is wrong. Changes nothing on this computer. */
  check(server: ServerAddress): Promise<void>;
  /** Once the call has committed: keeps the server in seat.json and moves this seat onto it. */
  switchTo(server: ServerAddress): void;
}
