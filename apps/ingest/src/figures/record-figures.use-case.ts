import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { FigureInput } from '@pejling/domain-figures';
import { FigureWriter } from './figure-writer';

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

/** Stores a validated JSON batch all-or-nothing through the figure writer, as one batch id. */
@Injectable()
export class RecordFigures {
  private readonly logger = new Logger(RecordFigures.name);

  constructor(private readonly writer: FigureWriter) {}

  async run(figures: FigureInput[]): Promise<RecordResult> {
    const batchId = randomUUID();
    const written = await this.writer.writeBatch(figures, batchId);
    const result = {
      batchId,
      received: figures.length,
      created: written.created,
      revised: written.revised,
      unchanged: written.unchanged,
      published: written.published,
      flagged: written.flagged,
    };
    this.logger.log(result, 'figure batch stored');
    return result;
  }
}
