import { Injectable } from '@nestjs/common';
import { QualityFlagFilter, QualityFlagList, QualityFlagsRepository } from './quality-flags.repository';

/** The quality flags a principal may see (its municipalities'). */
@Injectable()
export class ListQualityFlags {
  constructor(private readonly flags: QualityFlagsRepository) {}

  run(filter: QualityFlagFilter, limit: number): Promise<QualityFlagList> {
    return this.flags.list(filter, limit);
  }
}
