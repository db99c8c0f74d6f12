import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from '../../src/generated-docs';
import { readCompose } from '../../src/prod-check/compose-environment';
import { instructionsOf, readImageRecipe } from '../../src/prod-check/image-recipe';

// infra/Dockerfile as `make prod-check` reads it, held to what docker-compose.yml and the services expect.
const recipe = readImageRecipe();
const compose = readCompose() as unknown as {
  services: Record<string, { healthcheck?: { test: string[]; interval: string; timeout: string; start_period: string; retries: number } }>;
};

test("the image's HEALTHCHECK is docker-compose.yml's /ready check, command and timings", () => {
  for (const name of ['videos', 'courses', 'users']) {
    const { test: command, interval, timeout, start_period, retries } = compose.services[name]!.healthcheck!;
    expect(['CMD', ...recipe.healthcheck.command]).toEqual(command);
    expect(recipe.healthcheck.options).toEqual({ interval, timeout, 'start-period': start_period, retries: String(retries) });
  }
});

test('the image runs the built main of each service and the console with source maps and tracing preloaded, as a user that is not root', () => {
  expect(recipe.command).toEqual(['node', '--enable-source-maps', '--require', './dist/src/tracing.js', 'dist/src/main.js']);
  const apps: Array<[string, string]> = [...['videos', 'courses', 'users'].map((name): [string, string] => [name, join('services', name)]), ['console', 'console']];
  for (const [name, folder] of apps) {
    const manifest = JSON.parse(readFileSync(resolve(repoRoot, folder, 'package.json'), 'utf8')) as { main: string };
    expect(resolve('/app', manifest.main)).toBe(resolve('/app', recipe.command.at(-1)!));
    // tsc builds src/tracing.ts beside main.ts: the preload exists in every image.
    expect(readFileSync(resolve(repoRoot, folder, 'src', 'tracing.ts'), 'utf8')).toContain(`startTracing('${name}')`);
  }
  expect(recipe.user).not.toMatch(/^(root|0)(:|$)/);
  expect(recipe.env.NODE_ENV).toBe('production');
});

test("the image's build steps are infra/docker/build-service.sh's, which prod-check runs too", () => {
  const steps = recipe.buildRuns.filter((run) => run.includes('build-service.sh'));
  expect(steps).toEqual(['infra/docker/build-service.sh fetch', 'infra/docker/build-service.sh deploy /out "${SERVICE}"']);
  expect(recipe.buildRuns.filter((run) => /\bpnpm\b/.test(run) && !run.startsWith('npm install --global'))).toEqual([]);
});

test('instructions are read past comments and across line continuations', () => {
  const text = '# a comment\nFROM node AS build\n\nRUN a \\\n  b\n# another\nCMD ["x"]\n';
  expect(instructionsOf(text)).toEqual([
    { keyword: 'FROM', rest: 'node AS build' },
    { keyword: 'RUN', rest: 'a b' },
    { keyword: 'CMD', rest: '["x"]' },
  ]);
});

test('a shell-form CMD is refused: /bin/sh would keep SIGTERM from node', () => {
  const text = readFileSync(resolve(repoRoot, 'infra', 'Dockerfile'), 'utf8').replace(/^CMD .*$/m, 'CMD node dist/src/main.js');
  expect(() => readImageRecipe(text)).toThrow(/exec form/);
});
