import { Client } from 'pg';

export type Exclusive<T> = { ran: true; result: T } | { ran: false };

/**
 * One prune of a table at a time, across every instance and however it was started (a Bull job run
 * twice, an interval in each instance): a session-level advisory lock, held on a connection of its
 * own for the whole run and ended with it, so a lock is never left behind in a pooled connection.
 * Not a transaction around the run: each batch commits on its own, and no long transaction holds
 * back vacuum from the rows the batches delete.
 */
export class RetentionLock {
  constructor(private readonly databaseUrl: string) {}

  /** Runs `work` while holding the lock `name`; does not run it (`ran: false`) when another session holds it. */
  async runExclusively<T>(name: string, work: () => Promise<T>): Promise<Exclusive<T>> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'pejling-retention' });
    // A connection lost mid-run ends the lock with it; the run goes on (a second prune at once only repeats deletes).
    client.on('error', () => undefined);
    await client.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [name]);
      if (!rows[0].locked) return { ran: false };
      return { ran: true, result: await work() };
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
