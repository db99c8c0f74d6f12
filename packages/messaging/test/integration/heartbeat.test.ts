import { testing } from '@course-platform/service-kit';
import { createHarness, recordingHandler, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.cleanup());

test("the bus's connections beat every 10 s, not at the broker's 60 s, so a dead peer is noticed in seconds", async () => {
  await h.startBus([recordingHandler('courses.heartbeat_probe_on_video_created')]);
  // The management API lists a connection only after its next statistics tick: wait for both.
  const connections = await testing.eventually(
    async () => {
      const found = await h.vhost.admin.request<Array<{ timeout: number }>>('GET', `/vhosts/${h.vhost.name}/connections`);
      expect(found).toHaveLength(2);
      return found;
    },
    { timeoutMs: 20_000 },
  );
  expect(connections.map((c) => c.timeout)).toEqual([10, 10]);
});
