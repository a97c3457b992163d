import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { CONSOLE_ROLES, ConsoleRole, Viewer } from '../web/viewer';

const userRow = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  password_hash: z.string(),
  role: z.enum(CONSOLE_ROLES),
  municipalities: z.array(z.string()),
  owner_id: z.string().nullable(),
  recipient_id: z.string().nullable(),
  active: z.boolean(),
  locked_until: z.date().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
});

export interface UserRecord extends Viewer {
  passwordHash: string;
  active: boolean;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  role: ConsoleRole;
  municipalities: string[];
  ownerId?: string | null;
  recipientId?: string | null;
}

export interface UserChanges {
  name?: string;
  role?: ConsoleRole;
  municipalities?: string[];
  ownerId?: string | null;
  recipientId?: string | null;
  active?: boolean;
}

const COLUMNS =
  'id, email, name, password_hash, role, municipalities, owner_id, recipient_id, active, locked_until, created_at, updated_at';

/** Console users: who may sign in, with which role, municipality scope and link to an owner or recipient. */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByEmail(email: string, manager: EntityManager = this.dataSource.manager): Promise<UserRecord | undefined> {
    const rows: unknown[] = await manager.query(`SELECT ${COLUMNS} FROM console.users WHERE lower(email) = lower($1)`, [email]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<UserRecord | undefined> {
    const rows: unknown[] = await manager.query(`SELECT ${COLUMNS} FROM console.users WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async list(): Promise<UserRecord[]> {
    const rows: unknown[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM console.users ORDER BY active DESC, lower(email)`);
    return rows.map(toRecord);
  }

  async insert(user: NewUser, manager: EntityManager = this.dataSource.manager): Promise<UserRecord> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO console.users (email, name, password_hash, role, municipalities, owner_id, recipient_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [user.email, user.name, user.passwordHash, user.role, user.municipalities, user.ownerId ?? null, user.recipientId ?? null],
    );
    return toRecord(rows[0]);
  }

  async update(id: string, changes: UserChanges, manager: EntityManager = this.dataSource.manager): Promise<UserRecord | undefined> {
    const rows: unknown[] = await manager.query(
      `UPDATE console.users SET
         name = COALESCE($2, name),
         role = COALESCE($3, role),
         municipalities = COALESCE($4, municipalities),
         owner_id = CASE WHEN $5::boolean THEN $6::uuid ELSE owner_id END,
         recipient_id = CASE WHEN $7::boolean THEN $8::uuid ELSE recipient_id END,
         active = COALESCE($9, active),
         updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        changes.name ?? null,
        changes.role ?? null,
        changes.municipalities ?? null,
        changes.ownerId !== undefined,
        changes.ownerId ?? null,
        changes.recipientId !== undefined,
        changes.recipientId ?? null,
        changes.active ?? null,
      ],
    );
    // UPDATE … RETURNING answers [rows, affected].
    const row = (rows as unknown[][])[0]?.[0];
    return row ? toRecord(row) : undefined;
  }

  async setPassword(id: string, passwordHash: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE console.users SET password_hash = $2, locked_until = NULL, updated_at = now() WHERE id = $1`, [
      id,
      passwordHash,
    ]);
  }

  async lockUntil(id: string, until: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE console.users SET locked_until = $2 WHERE id = $1`, [id, until]);
  }
}

function toRecord(raw: unknown): UserRecord {
  const row = userRow.parse(raw);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    municipalities: row.municipalities,
    ownerId: row.owner_id,
    recipientId: row.recipient_id,
    passwordHash: row.password_hash,
    active: row.active,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function viewerOf(user: UserRecord): Viewer {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    municipalities: user.municipalities,
    ownerId: user.ownerId,
    recipientId: user.recipientId,
  };
}
