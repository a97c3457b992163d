import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';

const count = z.object({ n: z.coerce.number() });

/** Failed sign-ins, per email and per client address, for lockout and throttling. */
@Injectable()
export class SignInFailuresRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(email: string, ip: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`INSERT INTO console.sign_in_failures (email, ip) VALUES (lower($1), $2)`, [email, ip]);
  }

  async countForEmail(email: string, since: Date, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const rows: unknown[] = await manager.query(
      `SELECT count(*) AS n FROM console.sign_in_failures WHERE lower(email) = lower($1) AND at > $2`,
      [email, since],
    );
    return count.parse(rows[0]).n;
  }

  async countForIp(ip: string, since: Date): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(`SELECT count(*) AS n FROM console.sign_in_failures WHERE ip = $1 AND at > $2`, [
      ip,
      since,
    ]);
    return count.parse(rows[0]).n;
  }

  /** A successful sign-in or a password reset starts the count again. */
  async clearForEmail(email: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`DELETE FROM console.sign_in_failures WHERE lower(email) = lower($1)`, [email]);
  }
}
