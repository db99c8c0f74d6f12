// `pnpm docs`: regenerates the README's topology picture and event catalog, and docs/asyncapi.json.
import { writeFileSync } from 'node:fs';
import { asyncApiJson, asyncApiPath, readmePath, renderReadme } from '../generated-docs';

writeFileSync(readmePath, renderReadme());
writeFileSync(asyncApiPath, asyncApiJson());
console.log(`updated ${readmePath} and ${asyncApiPath}`);
