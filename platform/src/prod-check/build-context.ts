// The image's build context without Docker: a copy of the repo holding what `docker build .` would send,
// that is everything .dockerignore lets through (Docker's own matching rules, exceptions included).
import { cpSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import dockerignore from '@balena/dockerignore';

export function copyBuildContext(repo: string, target: string): void {
  const ignoreFile = join(repo, '.dockerignore');
  const rules = existsSync(ignoreFile) ? readFileSync(ignoreFile, 'utf8') : '';
  const ignored = dockerignore().add(rules);
  // An exception (`!pattern`) can bring back a file inside an ignored folder, so such folders are walked.
  const hasExceptions = /^\s*!/m.test(rules);
  cpSync(repo, target, {
    recursive: true,
    filter: (source) => {
      const path = relative(repo, source).split(sep).join('/');
      if (path === '' || !ignored.ignores(path)) return true;
      return hasExceptions && statSync(source).isDirectory();
    },
  });
}
