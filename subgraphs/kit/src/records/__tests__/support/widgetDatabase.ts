import type { MigrationInterface, QueryRunner } from "typeorm";
import { createTestDatabase, type TestDatabase } from "../../../testing";

/**
 * Tables shaped like an agency's: `widget` with a text id of the agency's own, values and
 * `updated_at`; `widget_link`, a link with no id of its own, keyed by its three columns; `gadget`,
 * a record held by one area (as a nominal is by one force), which its `area` column names.
 */
class CreateWidgets1700000000000 implements MigrationInterface {
  name = "CreateWidgets1700000000000";

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE widget (
      id text PRIMARY KEY,
      name text NOT NULL,
      size int,
      made_on date,
      tags text[],
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE TABLE widget_link (
      widget_id text NOT NULL REFERENCES widget (id),
      other_id text NOT NULL REFERENCES widget (id),
      kind text NOT NULL,
      PRIMARY KEY (widget_id, other_id, kind)
    )`);
    await runner.query(`CREATE TABLE gadget (
      id text PRIMARY KEY,
      area text NOT NULL,
      name text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE gadget`);
    await runner.query(`DROP TABLE widget_link`);
    await runner.query(`DROP TABLE widget`);
  }
}

/** A database holding only these tables. Any agency's name will do: only that migration runs. */
export function createWidgetDatabase(): Promise<TestDatabase> {
  return createTestDatabase({ service: "police", entities: [], migrations: [CreateWidgets1700000000000] });
}
