import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testing } from '../../src';

const fixture = join(__dirname, '..', 'fixtures', 'config-only-service.ts');
const valid = {
  PORT: '0',
  DATABASE_URL: 'postgres://videos_service@127.0.0.1:5432/course_platform',
  RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
};

// An empty working directory, so no .env of the developer's checkout fills in what the test leaves out.
const cwd = mkdtempSync(join(tmpdir(), 'service-kit-config-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function run(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--conditions=source', '-r', require.resolve('ts-node/register'), fixture], {
    cwd,
    // ts-node/register looks for tsconfig.json from the working directory, which is empty on purpose.
    env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: join(__dirname, '..', '..', 'tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

describe('a service process with bad configuration', () => {
  it('prints one line naming a malformed PORT and exits non-zero', async () => {
    const started = run({ ...valid, PORT: 'abc' });
    const code = await started.exit;
    expect(code).not.toBe(0);
    expect(started.stderr()).toMatch(/^invalid configuration: PORT is invalid \([^\n]*; got "abc"\)\n$/);
    expect(started.stdout()).toBe('');
  });

  it('prints one line naming a missing DATABASE_URL and exits non-zero', async () => {
    const { DATABASE_URL: _missing, ...env } = valid;
    const started = run(env);
    expect(await started.exit).not.toBe(0);
    expect(started.stderr()).toBe('invalid configuration: DATABASE_URL is missing\n');
  });

  it('starts with good configuration and stops cleanly on SIGTERM', async () => {
    const started = run(valid);
    const port = await testing.eventually(() => {
      const line = started.stdout().split('\n').find((entry) => entry.includes('"listening"'));
      return line ? (JSON.parse(line) as { port: number }).port : false;
    });
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    started.child.kill('SIGTERM');
    expect(await started.exit).toBe(0);
    expect(started.stderr()).toBe('');
  });
});
