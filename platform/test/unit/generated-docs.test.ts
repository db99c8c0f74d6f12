import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { asyncApiJson, asyncApiPath, definitionsPath, readmePath, renderDefinitions, renderReadme } from '../../src/generated-docs';

// The README's picture and catalog, and docs/asyncapi.json, are generated from the code (`pnpm docs`).
// These tests fail when the code changed and the docs were not regenerated.

test('the README topology picture and event catalog match the code', () => {
  const readme = readFileSync(readmePath, 'utf8');
  expect(renderReadme(readme)).toBe(readme);
});

test('docs/asyncapi.json matches the code', () => {
  expect(readFileSync(asyncApiPath, 'utf8')).toBe(asyncApiJson());
});

test('the RabbitMQ definitions of docker-compose declare the code topology', () => {
  const definitions = readFileSync(definitionsPath, 'utf8');
  expect(renderDefinitions(definitions)).toBe(definitions);
  expect(JSON.parse(definitions).queues.map((q: { name: string }) => q.name)).toContain('users.send_email_on_video_created.dead_letter');
});

test('the AsyncAPI document is valid AsyncAPI 3', async () => {
  const { document, diagnostics } = await new Parser().parse(asyncApiJson());
  const errors = diagnostics.filter((d) => d.severity === 0);
  expect(errors).toEqual([]);
  expect(document?.version()).toBe('3.0.0');
  expect(document?.channels().all().map((c) => c.address())).toContain('videos.created');
  const receivers = document?.operations().filterByReceive().map((o) => o.id());
  expect(receivers).toContain('users_send_email_on_video_created_receives_videos_created_v1');
});
