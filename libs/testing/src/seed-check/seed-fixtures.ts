import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../repo-root';

/** A seed table as an analyst uploads it: a CSV file through `POST /v1/imports`. */
export interface SeedCsv {
  kind: 'csv';
  file: string;
  /** `?municipality=` for a wide table that has no area column (a plan's own Bilag). */
  municipality?: string;
}

/** A seed table in the shape of a Jobindsats API v2 data response, fetched by a pull from a local server. */
export interface SeedPull {
  kind: 'pull';
  file: string;
  table: string;
}

export type SeedTable = SeedCsv | SeedPull;

/** Every seed table the check imports (test/fixtures/seeds, see its README), in the order an analyst would. */
export const SEED_TABLES: readonly SeedTable[] = [
  { kind: 'csv', file: '000-frederiksberg-bilag-1.csv', municipality: 'Frederiksberg' },
  { kind: 'csv', file: '000-frederiksberg-befolkning-16-66.csv' },
  { kind: 'csv', file: '000-frederiksberg-status.csv' },
  { kind: 'csv', file: '001-frederikssund-befolkning-16-66.csv' },
  { kind: 'pull', file: '001-frederikssund-y07a02.json', table: 'y07a02' },
  { kind: 'pull', file: '001-frederikssund-y38a02.json', table: 'y38a02' },
  { kind: 'csv', file: '001-frederikssund-bilag-1.csv' },
  { kind: 'csv', file: '002-koebenhavn-status.csv' },
  { kind: 'pull', file: '004-dragoer-y30r21.json', table: 'y30r21' },
  { kind: 'csv', file: '004-dragoer-status.csv' },
];

export function seedFixturePath(file: string): string {
  return path.join(repoRoot(), 'test/fixtures/seeds', file);
}

export function readSeedFixture(file: string): string {
  return readFileSync(seedFixturePath(file), 'utf8');
}

/** The periods a recorded data response holds, as the table's period list (`GET /v2/tables/{table}/json/`) offers them. */
export function offeredPeriods(response: { Variables: { Label: string }[]; Data: unknown[][] }[]): string[] {
  const periods = new Set<string>();
  for (const table of response) {
    const at = table.Variables.findIndex((variable) => /^period/i.test(variable.Label));
    for (const row of table.Data) periods.add(String(row[at]));
  }
  return [...periods].sort();
}

/** The area a CSV line names in its first column ("Hele landet", "Frederikssund", …). */
export function areaOfLine(csv: string, line: number): string {
  return (csv.split(/\r?\n/)[line - 1] ?? '').split(';')[0].trim();
}
