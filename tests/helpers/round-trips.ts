// Counts what this process sends to PostgreSQL: every client.query is one round trip (BEGIN and COMMIT included).
// The tests of issue 15's budgets and the `lan-*` benchmarks count the same way.
import pg from 'pg';

let recording: string[] | null = null;
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [q] = args;
    recording?.push(typeof q === 'string' ? q : ((q as { text?: string } | null)?.text ?? String(q)));
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

/**
 * The round trips `action` sent, with its result and the statements' text (for a failing budget to show).
 * Nothing else in the process may talk to PostgreSQL meanwhile.
 */
export async function roundTripsOf<T>(action: () => Promise<T>): Promise<{ result: T; roundTrips: number; statements: string[] }> {
  install();
  const statements: string[] = [];
  recording = statements;
  try {
    return { result: await action(), roundTrips: statements.length, statements };
  } finally {
    recording = null;
  }
}
