import { testing } from '@course-platform/service-kit';
import { Registry } from 'prom-client';
import { counterValue, createHarness, recordingHandler, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.cleanup());

test('connections closed by force while 2,000 events flow: all are delivered and applied once, and the bus resumes by itself', async () => {
  const handler = recordingHandler('courses.add_video_on_video_created');
  const bus = await h.startBus([handler]);

  const ids: string[] = [];
  let closed = 0;
  for (let round = 0; round < 4; round += 1) {
    // A chunk committed after the last cut is applied only once the bus has come back by itself; as soon as
    // its first events are, cut every connection again while the rest of it is still on its way. (Waiting on
    // one flow of 2,000 instead could find it finished, with nothing left to wait for, on a fast machine.)
    const before = (await h.appliedCount(handler.queue)).rows;
    ids.push(...(await h.commitEvents(500, 20)));
    await testing.eventually(async () => (await h.appliedCount(handler.queue)).rows > before, { timeoutMs: 20_000 });
    if (round < 3) closed += await h.vhost.admin.closeConnections(h.vhost.name);
  }

  expect(closed).toBeGreaterThanOrEqual(3);
  await testing.eventually(async () => expect(await h.appliedCount(handler.queue)).toEqual({ rows: 2_000, distinct: 2_000 }), { timeoutMs: 60_000 });
  const applied = await h.knex('applied').where({ handler: handler.queue }).pluck('event_id');
  expect(new Set(applied)).toEqual(new Set(ids));
  await testing.eventually(async () => expect(await bus.readiness.check()).toBe(true));
});

test('a relay whose marking fails after publishing republishes on its next batch; the inbox drops the copy', async () => {
  const registry = new Registry();
  const handler = recordingHandler('courses.relay_crash_probe_on_video_created');
  await h.startBus([handler], { metrics: registry });
  // The marking UPDATE fails once, as if the relay died between the broker's confirm and its commit.
  await h.knex.raw(`
    create sequence relay_fault; -- sequences ignore rollbacks: the fault fires exactly once
    create function fail_mark() returns trigger language plpgsql as $$
    begin
      if nextval('relay_fault') = 1 then
        raise exception 'relay crashed before marking';
      end if;
      return new;
    end $$;
    create trigger fail_mark before update on outbox for each statement execute function fail_mark();
  `);
  const consumed = (outcome: string) => counterValue(registry, 'messaging_messages_consumed_total', { queue: handler.queue, outcome });

  const [id] = await h.commitEvents(1);

  await testing.eventually(async () => expect(await consumed('duplicate')).toBeGreaterThanOrEqual(1), { timeoutMs: 15_000 });
  expect(await h.appliedCount(handler.queue)).toEqual({ rows: 1, distinct: 1 });
  expect(await h.knex('applied').where({ handler: handler.queue }).pluck('event_id')).toEqual([id]);
  await testing.eventually(async () => expect(await h.knex('outbox').where({ event_id: id }).whereNotNull('published_at').first()).toBeDefined());
});
