import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchemaOf, repoRoot, services } from '../support/platform-files';

// .env.example is where a newcomer learns the settings: it must name every variable a service reads, with a
// value that service accepts. Per-service values carry the service's prefix (VIDEOS_DATABASE_URL); the
// start script passes them on under the plain name. A commented-out line documents an optional value.
const lines = readFileSync(join(repoRoot, '.env.example'), 'utf8').split('\n');
const entry = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/;
const documented = new Map<string, { value: string; active: boolean }>();
for (const line of lines) {
  const match = entry.exec(line.trim());
  if (match) documented.set(match[2] as string, { value: match[3] as string, active: !match[1] });
}
const active = (name: string) => (documented.get(name)?.active ? documented.get(name)?.value : undefined);

describe('.env.example', () => {
  it.each(services)('names every variable of the %s service', (service) => {
    const prefix = `${service.toUpperCase()}_`;
    const missing = Object.keys(configSchemaOf(service).shape).filter(
      (name) => name !== 'PORT' && !documented.has(name) && !documented.has(prefix + name),
    );
    expect(missing).toEqual([]);
  });

  it.each(services)('holds values the %s service accepts', (service) => {
    const prefix = `${service.toUpperCase()}_`;
    const env: Record<string, string | undefined> = { PORT: active(`${prefix}PORT`) };
    for (const name of Object.keys(configSchemaOf(service).shape)) env[name] ??= active(prefix + name) ?? active(name);
    expect(configSchemaOf(service).safeParse(env).error?.issues ?? []).toEqual([]);
  });

  it('gives each service its own database role', () => {
    for (const service of services) {
      expect(new URL(active(`${service.toUpperCase()}_DATABASE_URL`) ?? '').username).toBe(`${service}_service`);
    }
  });

  it('leaves PORT to the start script', () => {
    expect(documented.has('PORT')).toBe(false);
  });
});
