import type { Journey } from '../../src/application/follow-event';
import { journeyBody } from '../../src/infrastructure/http/pages/journey-page';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const journey = (id: string | null): Journey => ({
  eventId: 'e1',
  committed: {
    service: 'videos',
    eventId: 'e1',
    type: 'videos.created',
    aggregateId: 'v1',
    correlationId: 'c1',
    createdAt: '2026-12-04T07:00:00.000Z',
    publishedAt: '2026-12-04T07:00:00.010Z',
    traceId: id,
    envelope: {},
  },
  handlers: [],
  emails: null,
});

test('links the trace of the request that committed the event, when a trace viewer is configured', () => {
  const page = journeyBody(journey(traceId), 'http://127.0.0.1:16686/trace/{traceId}').text;
  expect(page).toContain(`<a href="http://127.0.0.1:16686/trace/${traceId}">${traceId}</a>`);
});

test('shows the trace id as text without a viewer, and nothing without a trace', () => {
  expect(journeyBody(journey(traceId)).text).toMatch(new RegExp(`<strong>Trace</strong> ${traceId}</li>`));
  expect(journeyBody(journey(null)).text).not.toContain('data-step="trace"');
});

const withHandler = (outcome: Journey['handlers'][number]['outcome']): Journey => ({
  ...journey(null),
  handlers: [{ queue: 'courses.add_video_on_video_created', service: 'courses', outcome }],
});

test('a handled event with skipped copies says "duplicate" beside "handled", with how many', () => {
  const page = journeyBody(withHandler({ state: 'handled', at: '2026-12-04T07:00:01.000Z', duplicates: 2 })).text;
  expect(page).toMatch(/<span class="state ok">handled<\/span> at 2026-12-04T07:00:01.000Z, <span class="state dup">duplicate<\/span>/);
  expect(page).toContain('2 copies delivered again since');
  expect(journeyBody(withHandler({ state: 'handled', at: '2026-12-04T07:00:01.000Z', duplicates: 0 })).text).not.toContain('duplicate');
});

test('a retrying copy shows its next attempt, when it goes back, and the last error', () => {
  const copy = { queue: 'courses.add_video_on_video_created.retry.5000ms', delayMs: 5_000, nextAttempt: 2, lastError: 'course <c1> not known yet', retriedAt: undefined, firstFailedAt: undefined };
  expect(journeyBody(withHandler({ state: 'retrying', copy, nextInSeconds: 3 })).text).toContain('(attempt 2, next in ~3 s, last error: course &lt;c1&gt; not known yet)');
  expect(journeyBody(withHandler({ state: 'retrying', copy, nextInSeconds: null })).text).toContain('next within 5 s');
});
