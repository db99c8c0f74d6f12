import { Client } from 'pg';

/** Per table of a schema: its row count and a digest of its whole content, to prove nothing was written. */
export type SchemaSnapshot = Record<string, { rows: number; digest: string }>;

export async function snapshotSchema(superuserUrl: string, schema: string): Promise<SchemaSnapshot> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by table_name",
      [schema],
    );
    const snapshot: SchemaSnapshot = {};
    for (const { table_name: table } of tables) {
      const name = `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(table)}`;
      const { rows } = await client.query<{ rows: number; digest: string }>(
        `select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as digest from ${name} t`,
      );
      snapshot[table] = rows[0] as { rows: number; digest: string };
    }
    return snapshot;
  } finally {
    await client.end();
  }
}
