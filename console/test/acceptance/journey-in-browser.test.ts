// An event's journey through a duplicate delivery and through a retry, in headless Chromium. Its own platform:
// retries here wait long enough to be seen (the dead-letter tests want them short).
import { randomUUID } from 'node:crypto';
import { messagingTesting } from '@course-platform/messaging';
import { testing } from '@course-platform/service-kit';
import { consoleInBrowser } from '../support/console-in-browser';

const ADD_VIDEO = 'courses.add_video_on_video_created';
const SEND_EMAIL = 'users.send_email_on_video_created';
// Eight attempts 1.5 s apart: a video before its course is retrying for about 12 s before it is dead-lettered.
const ui = consoleInBrowser({ RETRY_DELAYS_MS: Array(7).fill('1500').join(',') });

const handlerStep = (queue: string) => ui.page.locator(`li[data-step="handler"][data-queue="${queue}"]`);

/** Reloads the event's journey until the handler queue's step is in this state; the step. */
async function journeyShows(eventId: string, queue: string, state: string, timeoutMs = 10_000) {
  await testing.eventually(
    async () => {
      await ui.page.goto(`${ui.platform.consoleUrl}/events/${eventId}`);
      expect(await handlerStep(queue).getAttribute('data-state')).toBe(state);
    },
    { timeoutMs },
  );
  return handlerStep(queue);
}

test('a copy delivered again after the event was handled shows "duplicate" beside "handled" for each handler', async () => {
  const courseId = await ui.steps.aCourse();
  const eventId = await ui.steps.createdEventOf(ui.page, await ui.steps.aVideo(courseId));
  for (const queue of [ADD_VIDEO, SEND_EMAIL]) await journeyShows(eventId, queue, 'handled');
  expect(await ui.page.locator('.state.dup').count()).toBe(0);

  // The broker delivers the same event again, as after a lost ack: the envelope the journey shows, republished.
  const envelope = JSON.parse((await ui.page.locator('details pre').textContent()) ?? '') as { type: string };
  await messagingTesting.publishRaw(ui.platform.brokerUrl, messagingTesting.TEST_EXCHANGE, envelope.type, envelope, {
    messageId: eventId,
    type: envelope.type,
  });

  for (const queue of [ADD_VIDEO, SEND_EMAIL]) {
    await testing.eventually(
      async () => {
        await ui.page.goto(`${ui.platform.consoleUrl}/events/${eventId}`);
        // allTextContents does not wait for the mark: a page loaded before the copy was skipped is reloaded.
        expect(await handlerStep(queue).locator('.state.dup').allTextContents()).toEqual(['duplicate']);
      },
      { timeoutMs: 20_000 },
    );
    expect(await handlerStep(queue).getAttribute('data-state')).toBe('handled');
    expect(await handlerStep(queue).textContent()).toContain('1 copy delivered again since, skipped by the inbox');
  }
  expect((await testing.call(ui.platform.url.courses, 'GET', `/courses/${courseId}`)).body).toMatchObject({ videoCount: 1 });
});

test('a video before its course shows "retrying" with its attempt, when it goes back and why; once the course exists, "handled"', async () => {
  const courseId = randomUUID();
  const videoId = await ui.steps.aVideo(courseId);
  const eventId = await ui.steps.createdEventOf(ui.page, videoId);

  const retrying = await journeyShows(eventId, ADD_VIDEO, 'retrying');
  expect(await retrying.textContent()).toMatch(/retrying \(attempt \d+, next in ~[0-2] s, last error: .*not known yet.*\)/);
  expect(await retrying.textContent()).toContain(`waiting in ${ADD_VIDEO}.retry.1500ms`);

  await ui.steps.aCourse(courseId, 'Late course');
  await journeyShows(eventId, ADD_VIDEO, 'handled', 15_000);
  expect((await testing.call(ui.platform.url.courses, 'GET', `/courses/${courseId}`)).body).toMatchObject({
    videoCount: 1,
    videos: [{ videoId }],
  });
});
