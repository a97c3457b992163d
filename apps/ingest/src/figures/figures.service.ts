import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FigureInput } from '@pejling/domain-figures';
import { Transactions } from '@pejling/platform';
import { checkQuality } from '../quality/quality-checker';
import { ConcurrentInsertError, lockFiguresForBatch, storeFigures } from './figure-store';

export interface RecordResult {
  batchId: string;
  received: number;
  created: number;
  revised: number;
  unchanged: number;
  published: number;
  /** Data-quality flags this batch raised (kept figures that should be checked; GET /v1/quality-flags). */
  flagged: number;
}

@Injectable()
export class FiguresService {
  private readonly logger = new Logger(FiguresService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly dataSource: DataSource,
  ) {}

  async record(figures: FigureInput[]): Promise<RecordResult> {
    const batchId = randomUUID();
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.transactions.run(async (unit) => {
          await lockFiguresForBatch(unit.manager);
          const stored = await storeFigures(unit.manager, figures, batchId);
          const quality = await checkQuality(unit.manager, stored.changes, batchId);
          unit.publish(...stored.events, ...quality.events);
          return { ...stored, flagged: quality.flagged };
        });
        const result = {
          batchId,
          received: figures.length,
          created: outcome.created,
          revised: outcome.revised,
          unchanged: outcome.unchanged,
          published: outcome.events.length,
          flagged: outcome.flagged,
        };
        this.logger.log(result, 'figure batch stored');
        return result;
      } catch (error) {
        const retriable = error instanceof ConcurrentInsertError || (error as { code?: string }).code === '40P01';
        if (!retriable || attempt >= 3) throw error;
      }
    }
  }

  list(filter: { municipality?: string; series?: string }) {
    return this.dataSource.query(
      `SELECT id, source, series, municipality, period, value, unit, revision, updated_at AS "updatedAt"
         FROM figures
        WHERE ($1::text IS NULL OR municipality = $1) AND ($2::text IS NULL OR series = $2)
        ORDER BY municipality, series, period DESC LIMIT 1000`,
      [filter.municipality ?? null, filter.series ?? null],
    );
  }
}
