import { MigrationInterface, QueryRunner } from 'typeorm';

/** The data-quality checks read each series' history window by period end: one index range per series. */
export class HistoryIndex1732300000105 implements MigrationInterface {
  name = 'HistoryIndex1732300000105';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX figures_history ON ingest.figures (source, series, municipality, period_end)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ingest.figures_history');
  }
}
