import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testing } from '../../src';

const execFileAsync = promisify(execFile);
const fixture = join(__dirname, '..', 'fixtures', 'notes-migrations-cli.ts');
// An empty working directory, so no .env of the developer's checkout fills in what the test leaves out.
const cwd = mkdtempSync(join(tmpdir(), 'service-kit-migrate-'));
let db: testing.TestDatabase;

beforeAll(async () => {
  db = await testing.createTestDatabase();
});

afterAll(async () => {
  rmSync(cwd, { recursive: true, force: true });
  await db.drop();
});

async function migrateCli(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = ['--conditions=source', '-r', require.resolve('ts-node/register'), fixture];
  const options = { cwd, env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: join(__dirname, '..', '..', 'tsconfig.json'), ...env } };
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, args, options);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const messages = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { msg: string; applied: string[]; service: string });

describe('runMigrationsCli', () => {
  it('applies the migrations as the service role, then finds the schema up to date', async () => {
    const first = await migrateCli({ DATABASE_URL: db.urlFor('videos_service') });
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(messages(first.stdout)).toMatchObject([{ service: 'notes', msg: 'migrations applied', applied: ['001-notes'] }]);

    const again = await migrateCli({ DATABASE_URL: db.urlFor('videos_service') });
    expect(messages(again.stdout)).toMatchObject([{ msg: 'schema up to date', applied: [] }]);
  });

  it('needs no broker settings, and says in one line why it could not migrate', async () => {
    const missing = await migrateCli({});
    expect([missing.code, missing.stderr]).toEqual([1, 'migration failed: invalid configuration: DATABASE_URL is missing\n']);
    const refused = await migrateCli({ DATABASE_URL: db.urlFor('no_such_role') });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^migration failed: .*no_such_role.*\n$/);
  });
});
