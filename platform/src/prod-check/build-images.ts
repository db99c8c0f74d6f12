// The image's build without Docker: infra/docker/build-service.sh, as infra/Dockerfile runs it, in a copy of
// the build context; then what each deployed folder holds is checked.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from '../generated-docs';
import { copyBuildContext } from './build-context';
import type { Commands } from './commands';
import { leftoversIn, nodeModulesAbove, sizeOf } from './deployed-folder';

/** This process's environment without the npm_config_* settings of the pnpm that runs it, as a shell has it. */
export function shellEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_config_')));
}

/** The same pnpm as the Makefile's: the version of package.json's packageManager field, run by npx. */
function pnpmCommand(): string {
  const { packageManager } = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { packageManager: string };
  return `npx --yes ${packageManager}`;
}

function assertImageWorthy(name: string, folder: string): void {
  const wrong = [
    ...leftoversIn(folder),
    ...nodeModulesAbove(folder).map((path) => `${path} (above the folder: Node would resolve from it)`),
  ];
  if (wrong.length > 0) throw new Error(`the deployed ${name} is not what an image should hold:\n  ${wrong.join('\n  ')}`);
}

/** Deploys each service into `images/<service>`, as the image's /app; returns each folder's size (du -sh). */
export async function buildImages(
  services: readonly string[],
  folders: { context: string; images: string },
  commands: Commands,
  say: (line: string) => void,
): Promise<Record<string, string>> {
  say('build context: a copy of the repo as .dockerignore lets it through');
  copyBuildContext(repoRoot, folders.context);
  const options = { cwd: folders.context, env: { ...shellEnvironment(), PNPM: pnpmCommand() } };
  say('infra/docker/build-service.sh fetch');
  await commands.succeed('infra/docker/build-service.sh', ['fetch'], options);
  say(`infra/docker/build-service.sh deploy ${folders.images} ${services.join(' ')}`);
  await commands.succeed('infra/docker/build-service.sh', ['deploy', folders.images, ...services], options);
  for (const name of services) assertImageWorthy(name, join(folders.images, name));
  return Object.fromEntries(services.map((name) => [name, sizeOf(join(folders.images, name))]));
}
