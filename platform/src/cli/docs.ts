// `pnpm docs`: regenerates the README's topology picture and event catalog, docs/asyncapi.json and the
// topology part of infra/rabbitmq/definitions.json.
import { writeFileSync } from 'node:fs';
import { asyncApiJson, asyncApiPath, definitionsPath, readmePath, renderDefinitions, renderReadme } from '../generated-docs';

writeFileSync(readmePath, renderReadme());
writeFileSync(asyncApiPath, asyncApiJson());
writeFileSync(definitionsPath, renderDefinitions());
console.log(`updated ${readmePath}, ${asyncApiPath} and ${definitionsPath}`);
