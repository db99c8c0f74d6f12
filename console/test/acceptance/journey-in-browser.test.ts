// An event's journey through a duplicate delivery and through a retry, in headless Chromium. Its own platform:
// retries here wait long enough to be seen (the dead-letter tests want them short).
import { randomUUID } from 'node:crypto';
import { messagingTesting } from '@course-platform/messaging';
import { testing } from '@course-platform/service-kit';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startConsolePlatform, type ConsolePlatform } from '../support/console-platform';
import { PlatformSteps } from '../support/platform-steps';

const ADD_VIDEO = 'courses.add_video_on_video_created';
const SEND_EMAIL = 'users.send_email_on_video_created';
let platform: ConsolePlatform;
let browser: Browser;
let page: Page;
let steps: PlatformSteps;

beforeAll(async () => {
  // Eight attempts 1.5 s apart: a video before its course is retrying for about 12 s before it is dead-lettered.
  platform = await startConsolePlatform({ RETRY_DELAYS_MS: Array(7).fill('1500').join(',') });
  steps = new PlatformSteps(platform);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});
beforeEach(async () => {
  page = await browser.newPage();
});
afterEach(() => page.close());

const handlerStep = (queue: string) => page.locator(`li[data-step="handler"][data-queue="${queue}"]`);

/** Reloads the event's journey until the handler queue's step is in this state; the step. */
async function journeyShows(eventId: string, queue: string, state: string, timeoutMs = 10_000) {
  await testing.eventually(
    async () => {
      await page.goto(`${platform.consoleUrl}/events/${eventId}`);
      expect(await handlerStep(queue).getAttribute('data-state')).toBe(state);
    },
    { timeoutMs },
  );
  return handlerStep(queue);
}

test('a copy delivered again after the event was handled shows "duplicate" beside "handled" for each handler', async () => {
  const courseId = await steps.aCourse();
  const eventId = await steps.createdEventOf(page, await steps.aVideo(courseId));
  for (const queue of [ADD_VIDEO, SEND_EMAIL]) await journeyShows(eventId, queue, 'handled');
  expect(await page.locator('.state.dup').count()).toBe(0);

  // The broker delivers the same event again, as after a lost ack: the envelope the journey shows, republished.
  const envelope = JSON.parse((await page.locator('details pre').textContent()) ?? '') as { type: string };
  await messagingTesting.publishRaw(platform.brokerUrl, messagingTesting.TEST_EXCHANGE, envelope.type, envelope, { messageId: eventId, type: envelope.type });

  for (const queue of [ADD_VIDEO, SEND_EMAIL]) {
    await testing.eventually(async () => {
      await page.goto(`${platform.consoleUrl}/events/${eventId}`);
      expect(await handlerStep(queue).locator('.state.dup').textContent()).toBe('duplicate');
    });
    expect(await handlerStep(queue).getAttribute('data-state')).toBe('handled');
    expect(await handlerStep(queue).textContent()).toContain('1 copy delivered again since, skipped by the inbox');
  }
  expect((await testing.call(platform.url.courses, 'GET', `/courses/${courseId}`)).body).toMatchObject({ videoCount: 1 });
});

test('a video before its course shows "retrying" with its attempt, when it goes back and why; once the course exists, "handled"', async () => {
  const courseId = randomUUID();
  const videoId = await steps.aVideo(courseId);
  const eventId = await steps.createdEventOf(page, videoId);

  const retrying = await journeyShows(eventId, ADD_VIDEO, 'retrying');
  expect(await retrying.textContent()).toMatch(/retrying \(attempt \d+, next in ~[0-2] s, last error: .*not known yet.*\)/);
  expect(await retrying.textContent()).toContain(`waiting in ${ADD_VIDEO}.retry.1500ms`);

  await steps.aCourse(courseId, 'Late course');
  await journeyShows(eventId, ADD_VIDEO, 'handled', 15_000);
  expect((await testing.call(platform.url.courses, 'GET', `/courses/${courseId}`)).body).toMatchObject({ videoCount: 1, videos: [{ videoId }] });
});
