import { NotFoundException } from '@nestjs/common';

/** The row, or the routing API's 404 (`No recipient with id …`). */
export function foundOr404<T>(row: T | undefined, what: string, id: string): T {
  if (!row) throw new NotFoundException(`No ${what} with id ${id}.`);
  return row;
}
