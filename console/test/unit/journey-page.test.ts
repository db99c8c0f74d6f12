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
