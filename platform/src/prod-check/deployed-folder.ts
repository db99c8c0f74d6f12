// What a deployed folder (the image's /app) holds: only what runs, in one self-contained tree.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** Sources, tests and their tooling: none of it runs, so none of it belongs in an image. */
const notForImages = ['src', 'test', 'tsconfig.json', 'tsconfig.build.json', 'jest.config.js'];

function* entries(folder: string): Generator<string> {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    yield path;
    if (lstatSync(path).isDirectory()) yield* entries(path);
  }
}

/**
 * What should not be there, as readable lines: sources or tests in the service or in a workspace package it
 * carries (real folders under node_modules/@course-platform/), and symbolic links that would break once the
 * folder is copied elsewhere (absolute, or leading out of it).
 */
export function leftoversIn(folder: string): string[] {
  const found: string[] = [];
  const packages = [folder];
  for (const path of entries(folder)) {
    const stat = lstatSync(path);
    if (stat.isDirectory() && basename(dirname(path)) === '@course-platform') packages.push(path);
    if (!stat.isSymbolicLink()) continue;
    const target = readlinkSync(path);
    if (isAbsolute(target) || relative(folder, resolve(dirname(path), target)).startsWith('..'))
      found.push(`${relative(folder, path)} -> ${target}`);
  }
  for (const root of packages) {
    for (const name of notForImages) if (existsSync(join(root, name))) found.push(relative(folder, join(root, name)));
  }
  return found;
}

/**
 * node_modules folders above the deployed one: Node would resolve a missing dependency from them, which the
 * image (with nothing above /app) could not.
 */
export function nodeModulesAbove(folder: string): string[] {
  const found: string[] = [];
  for (let parent = dirname(folder); ; parent = dirname(parent)) {
    if (existsSync(join(parent, 'node_modules'))) found.push(join(parent, 'node_modules'));
    if (dirname(parent) === parent) return found;
  }
}

/** `du -sh`'s figure: what the folder weighs on disk, as the image's layer will. */
export function sizeOf(folder: string): string {
  return execFileSync('du', ['-sh', folder], { encoding: 'utf8' }).split('\t')[0] ?? '?';
}
