import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leftoversIn } from '../../src/prod-check/deployed-folder';

// What prod-check refuses in a deployed folder, on a small one laid out as `pnpm deploy` lays them out.
let root: string;
let folder: string;
const workspacePackage = 'node_modules/.pnpm/@course-platform+messaging@file+packages+messaging/node_modules/@course-platform/messaging';

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'deployed-folder-'));
  folder = join(root, 'videos');
  for (const path of ['dist/src', `${workspacePackage}/dist`, 'node_modules/@course-platform'])
    mkdirSync(join(folder, path), { recursive: true });
  writeFileSync(join(folder, 'dist/src/main.js'), '');
  symlinkSync(`../${workspacePackage.replace('node_modules/', '')}`, join(folder, 'node_modules/@course-platform/messaging'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('a folder of built code and relative links inside it is clean', () => {
  expect(leftoversIn(folder)).toEqual([]);
});

test('sources, tests and their configs are found in the service and in its workspace packages', () => {
  for (const path of ['src', `${workspacePackage}/test`]) mkdirSync(join(folder, path));
  for (const path of ['tsconfig.json', `${workspacePackage}/jest.config.js`]) writeFileSync(join(folder, path), '');
  expect(leftoversIn(folder).sort()).toEqual(
    ['src', 'tsconfig.json', `${workspacePackage}/jest.config.js`, `${workspacePackage}/test`].sort(),
  );
});

test('links that would point nowhere once the folder is copied into an image are found', () => {
  mkdirSync(join(root, 'context'));
  symlinkSync('../../context', join(folder, 'node_modules/escaping'));
  symlinkSync(join(folder, 'dist'), join(folder, 'node_modules/absolute'));
  expect(leftoversIn(folder).sort()).toEqual([
    `node_modules/absolute -> ${join(folder, 'dist')}`,
    'node_modules/escaping -> ../../context',
  ]);
});
