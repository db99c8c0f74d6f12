import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The version of the package whose entry point started this process: the nearest package.json above the main
 * module, found the same way from a service's src/main.ts (make start) and from its image's dist/src/main.js.
 */
export function mainPackageVersion(main: string | undefined = require.main?.filename): string {
  for (let folder = main ? dirname(main) : ''; folder && folder !== dirname(folder); folder = dirname(folder)) {
    try {
      return String((JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version?: unknown }).version ?? 'unknown');
    } catch {
      // no package.json here: one folder up
    }
  }
  return 'unknown';
}
