// `pnpm bench`: the bench and every service it starts run as the images run them, compiled JavaScript under
// plain node (no ts-node, no `source` condition). This launcher is plain JavaScript so that it can build
// what is stale before the compiled bench loads: a dist older than its sources is never measured.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, realpathSync, statSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');

const benchDir = __dirname;
const root = resolve(benchDir, '..');

const progress = (message) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);

/** This package and every workspace package it depends on, directly or not: their folders. */
function workspaceClosure(dir, seen = new Map()) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (seen.has(manifest.name)) return seen;
  seen.set(manifest.name, dir);
  const dependencies = { ...manifest.dependencies, ...manifest.devDependencies };
  for (const [name, version] of Object.entries(dependencies)) {
    if (String(version).startsWith('workspace:')) workspaceClosure(realpathSync(join(dir, 'node_modules', name)), seen);
  }
  return seen;
}

/** Modification times (ms) of every file under `dir` whose name passes `keep`; none if it does not exist. */
function mtimes(dir, keep) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && keep(entry.name))
    .map((entry) => statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
}

/**
 * Why a package's dist cannot be run as it is: missing, or a source changed after the last build (tsc writes
 * every output on each build, so the newest output is when the last build ran).
 */
function staleness(dir) {
  const outputs = mtimes(join(dir, 'dist'), (name) => name.endsWith('.js'));
  if (outputs.length === 0) return 'no dist';
  const sources = [...mtimes(join(dir, 'src'), () => true), ...mtimes(join(dir, 'migrations'), () => true)];
  return Math.max(...sources) > Math.max(...outputs) ? 'sources newer than dist' : null;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: benchDir, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const packages = [...workspaceClosure(benchDir).values()];
const stale = packages.map((dir) => [dir, staleness(dir)]).filter(([, why]) => why);
if (stale.length > 0) {
  progress(`building compiled JavaScript: ${stale.map(([dir, why]) => `${relative(root, dir)} (${why})`).join(', ')}`);
  // The whole closure in dependency order: a dependent is type-checked against the declarations just built.
  const pnpm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['pnpm'];
  const built = run(pnpm[0], [...pnpm.slice(1), '--filter', '@course-platform/bench...', '--reporter=append-only', 'run', 'build']);
  if (built !== 0) process.exit(built);
  const still = packages.filter((dir) => staleness(dir));
  if (still.length > 0) throw new Error(`still stale after the build: ${still.map((dir) => relative(root, dir)).join(', ')}`);
}
progress(`running compiled JavaScript (node dist/…), up to date with the sources of ${packages.map((dir) => relative(root, dir)).join(', ')}`);
// `node run-compiled.js [--entry profile/profile.js] [args…]`: dist/main.js unless another entry is named.
const args = process.argv.slice(2);
const entry = args[0] === '--entry' ? args.splice(0, 2)[1] : 'main.js';
process.exit(run(process.execPath, ['--enable-source-maps', join(benchDir, 'dist', entry), ...args]));
