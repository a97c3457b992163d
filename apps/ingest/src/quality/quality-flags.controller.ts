import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Roles, READERS } from '@pejling/platform';

const CHECKS = ['jump', 'group-total', 'missing-period', 'change', 'change-percent'];
const STATUSES = ['open', 'resolved', 'all'];

/** Soft data-quality flags: figures that were kept but should be checked, open until a later figure settles them. */
@Controller('v1/quality-flags')
@Roles(...READERS)
export class QualityFlagsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async list(
    @Query('municipality') municipality?: string,
    @Query('series') series?: string,
    @Query('check') check?: string,
    @Query('status') status = 'open',
    @Query('batchId') batchId?: string,
    @Query('limit') limit = '200',
  ) {
    if (check && !CHECKS.includes(check)) throw new BadRequestException(`check must be one of ${CHECKS.join(', ')}`);
    if (!STATUSES.includes(status)) throw new BadRequestException(`status must be one of ${STATUSES.join(', ')}`);
    if (municipality && !/^\d{3}$/.test(municipality)) throw new BadRequestException('municipality must be a 3-digit code');
    if (batchId && !/^[0-9a-f-]{36}$/i.test(batchId)) throw new BadRequestException('batchId must be a UUID');
    const max = Number(limit);
    if (!Number.isInteger(max) || max < 1 || max > 1000) throw new BadRequestException('limit must be an integer from 1 to 1000');
    const filters = [municipality ?? null, series ?? null, check ?? null, status, batchId ?? null];
    const where = `($1::text IS NULL OR municipality = $1) AND ($2::text IS NULL OR series = $2) AND ($3::text IS NULL OR check_kind = $3)
      AND ($4 = 'all' OR ($4 = 'open') = (resolved_at IS NULL)) AND ($5::uuid IS NULL OR batch_id = $5::uuid)`;
    const flags = await this.dataSource.query(
      `SELECT id, check_kind AS "check", source, series, municipality, period, value, details, message, batch_id AS "batchId",
              created_at AS "createdAt", resolved_at AS "resolvedAt", resolved_by_batch AS "resolvedByBatch"
         FROM quality_flags WHERE ${where} ORDER BY created_at DESC, id LIMIT $6`,
      [...filters, max],
    );
    const counts = await this.dataSource.query(`SELECT check_kind AS "check", count(*)::int AS count FROM quality_flags WHERE ${where} GROUP BY check_kind ORDER BY check_kind`, filters);
    return { counts, flags };
  }
}
