import { join } from 'node:path';
import { mainPackageVersion } from '../../src';

test("a process's version is its main module's nearest package.json's", () => {
  expect(mainPackageVersion(join(__dirname, '..', '..', 'src', 'http', 'http-app.ts'))).toBe('0.1.0');
  expect(mainPackageVersion('/no/such/folder/main.js')).toBe('unknown');
});
