import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { listQualityFlags, QualityFlagFilter, QualityFlagList } from './quality-flags.repository';

/** The quality flags a principal may see (its municipalities'). */
@Injectable()
export class ListQualityFlags {
  constructor(private readonly dataSource: DataSource) {}

  run(filter: QualityFlagFilter, limit: number): Promise<QualityFlagList> {
    return listQualityFlags(this.dataSource, filter, limit);
  }
}
