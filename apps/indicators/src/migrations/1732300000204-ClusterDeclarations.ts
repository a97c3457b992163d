import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clusters with where they came from and from when: a plan version declares a municipality's
 * cluster per indicator from a month on (history kept, so every period is benchmarked against the
 * cluster in force for it; no members = the plan removed it); `PUT /v1/clusters` sets one for every
 * period where no plan declares one. The existing clusters were set through the API.
 */
export class ClusterDeclarations1732300000204 implements MigrationInterface {
  name = 'ClusterDeclarations1732300000204';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE indicators.cluster_declarations (
        id bigserial PRIMARY KEY,
        municipality char(3) NOT NULL,
        indicator_id text NOT NULL,
        members text[] NOT NULL,
        source text NOT NULL CHECK (source IN ('plan', 'api')),
        plan_id text,
        plan_version int,
        effective_from text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((source = 'plan') = (plan_id IS NOT NULL AND plan_version IS NOT NULL AND effective_from IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX cluster_declarations_api ON indicators.cluster_declarations (municipality, indicator_id) WHERE source = 'api'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX cluster_declarations_plan ON indicators.cluster_declarations (municipality, indicator_id, plan_id, plan_version) WHERE source = 'plan'`,
    );
    await queryRunner.query(`CREATE INDEX cluster_declarations_by_indicator ON indicators.cluster_declarations (indicator_id)`);
    await queryRunner.query(`
      INSERT INTO indicators.cluster_declarations (municipality, indicator_id, members, source, updated_at)
      SELECT municipality, indicator_id, members, 'api', updated_at FROM indicators.clusters`);
    await queryRunner.query('DROP TABLE indicators.clusters');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE indicators.clusters (
        municipality char(3) NOT NULL,
        indicator_id text NOT NULL,
        members text[] NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (municipality, indicator_id)
      )`);
    await queryRunner.query(`INSERT INTO indicators.clusters (municipality, indicator_id, members, updated_at)
      SELECT municipality, indicator_id, members, updated_at FROM indicators.cluster_declarations WHERE source = 'api'`);
    await queryRunner.query('DROP TABLE indicators.cluster_declarations');
  }
}
