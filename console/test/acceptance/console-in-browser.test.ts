// The console as an operator uses it, in headless Chromium against the three services started here.
import { randomUUID } from 'node:crypto';
import { testing } from '@course-platform/service-kit';
import { consoleInBrowser } from '../support/console-in-browser';
import { ADMIN_TOKEN } from '../support/console-platform';

const DEAD_LETTER_QUEUE = 'courses.add_video_on_video_created';
const ui = consoleInBrowser();

/** Reloads the dead-letter page until this event is listed under the queue. */
async function deadLetterOnPage(eventId: string) {
  const letter = ui.page.locator(`section[data-queue="${DEAD_LETTER_QUEUE}"] li[data-event-id="${eventId}"]`);
  await testing.eventually(
    async () => {
      await ui.page.goto(`${ui.platform.consoleUrl}/dead-letters`);
      expect(await letter.count()).toBe(1);
    },
    { timeoutMs: 20_000 },
  );
  return letter;
}

async function useToken(token: string) {
  await ui.page.getByLabel(/Admin token/).fill(token);
  await ui.page.getByRole('button', { name: 'Use token' }).click();
  await ui.page.getByText('A token is set for this tab.').waitFor();
}

test('the overview shows the three services ready, with their handler queues consumed', async () => {
  await ui.page.goto(ui.platform.consoleUrl);
  for (const service of ['videos', 'courses', 'users']) {
    expect(await ui.page.locator(`tr[data-service="${service}"] .state`).textContent()).toBe('ready');
  }
  // The broker's management API counts a new consumer only at its next statistics tick; the page refreshes
  // itself until it shows it, without a reload.
  const consumers = ui.page.locator(`tr[data-queue="${DEAD_LETTER_QUEUE}"] td`).nth(3);
  await testing.eventually(async () => expect(await consumers.textContent()).toBe('1'), { timeoutMs: 20_000 });
  await expect(ui.page.getByRole('navigation', { name: 'Console pages' }).getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).resolves.toBe('page');
});

test('a PUT video appears in its journey, handled by every handler, with one email per enrolled student', async () => {
  const { courseId, emails } = await ui.steps.aCourseWithStudents(2);
  const eventId = await ui.steps.createdEventOf(ui.page, await ui.steps.aVideo(courseId));
  await ui.page.goto(`${ui.platform.consoleUrl}/events/${eventId}`);
  await testing.eventually(async () => {
    await ui.page.reload();
    const handlers = ui.page.locator('li[data-step="handler"]');
    expect(await handlers.evaluateAll((items) => items.map((item) => [item.getAttribute('data-queue'), item.getAttribute('data-state')]))).toEqual(
      expect.arrayContaining([
        [DEAD_LETTER_QUEUE, 'handled'],
        ['users.send_email_on_video_created', 'handled'],
      ]),
    );
    expect(await handlers.count()).toBe(2);
    expect((await ui.page.locator('li[data-email]').evaluateAll((items) => items.map((item) => item.getAttribute('data-email')))).sort()).toEqual([...emails].sort());
  });
  expect(await ui.page.locator('li[data-step="published"]').textContent()).toContain('Published');
});

/** The video of the next two tests, created before its course. */
const early = { courseId: randomUUID(), videoId: '', eventId: '' };

test('a video before its course is dead-lettered with its reason; without the token retry and discard are refused', async () => {
  early.videoId = await ui.steps.aVideo(early.courseId);
  early.eventId = await ui.steps.createdEventOf(ui.page, early.videoId);
  const letter = await deadLetterOnPage(early.eventId);
  expect(await letter.locator('.reason').textContent()).toBe('HANDLER_FAILED');
  expect(await letter.textContent()).toContain('not known yet');

  for (const name of ['Retry', 'Discard']) {
    await letter.getByRole('button', { name, exact: true }).click();
    await expect(ui.page.getByRole('alert').filter({ hasText: 'Refused' }).textContent()).resolves.toContain('admin token');
  }
  await ui.page.goto(`${ui.platform.consoleUrl}/dead-letters`);
  expect(await letter.count()).toBe(1);
});

test('once the course exists, retry from the page adds the video to the course exactly once and empties the queue', async () => {
  await ui.steps.aCourse(early.courseId, 'Late course');
  const letter = await deadLetterOnPage(early.eventId);
  await useToken(ADMIN_TOKEN);
  await letter.getByRole('button', { name: 'Retry', exact: true }).click();
  await ui.page.getByRole('status').filter({ hasText: `${early.eventId} sent back to ${DEAD_LETTER_QUEUE}` }).waitFor();

  await testing.eventually(async () => {
    const course = await testing.call(ui.platform.url.courses, 'GET', `/courses/${early.courseId}`);
    expect(course.body).toMatchObject({ videoCount: 1, videos: [{ videoId: early.videoId }] });
  });
  await ui.page.goto(`${ui.platform.consoleUrl}/dead-letters`);
  expect(await ui.page.locator(`section[data-queue="${DEAD_LETTER_QUEUE}"] .empty`).count()).toBe(1);
  await ui.page.goto(`${ui.platform.consoleUrl}/events/${early.eventId}`);
  expect(await ui.page.locator(`li[data-queue="${DEAD_LETTER_QUEUE}"]`).getAttribute('data-state')).toBe('handled');
});

test('retry all sends every dead letter of a queue back', async () => {
  const courseId = randomUUID();
  const events = [await ui.steps.createdEventOf(ui.page, await ui.steps.aVideo(courseId)), await ui.steps.createdEventOf(ui.page, await ui.steps.aVideo(courseId))];
  for (const eventId of events) await deadLetterOnPage(eventId);
  await ui.steps.aCourse(courseId, 'Another late course');
  await useToken(ADMIN_TOKEN);
  await ui.page.getByRole('button', { name: `Retry all of ${DEAD_LETTER_QUEUE}` }).click();
  await ui.page.getByRole('status').filter({ hasText: `2 message(s) sent back to ${DEAD_LETTER_QUEUE}` }).waitFor();
  await testing.eventually(async () => expect((await testing.call(ui.platform.url.courses, 'GET', `/courses/${courseId}`)).body).toMatchObject({ videoCount: 2 }));
});

test('retry one and discard one act on that dead letter alone, and the audit log records each with where it came from', async () => {
  const [retried, discarded] = [await ui.steps.createdEventOf(ui.page, await ui.steps.aVideo(randomUUID())), await ui.steps.createdEventOf(ui.page, await ui.steps.aVideo(randomUUID()))];
  await deadLetterOnPage(retried);
  const gone = await deadLetterOnPage(discarded);
  await useToken(ADMIN_TOKEN);

  await gone.getByRole('button', { name: 'Discard', exact: true }).click();
  await ui.page.getByRole('status').filter({ hasText: `${discarded} discarded` }).waitFor();
  expect(await gone.count()).toBe(0);
  // The course still does not exist: the retried one comes back after its retries, still alone.
  await ui.page.locator(`section[data-queue="${DEAD_LETTER_QUEUE}"] li[data-event-id="${retried}"]`).getByRole('button', { name: 'Retry', exact: true }).click();
  await ui.page.getByRole('status').filter({ hasText: `${retried} sent back` }).waitFor();

  await ui.page.goto(`${ui.platform.consoleUrl}/audit`);
  const rows = ui.page.locator('tbody tr');
  expect(await rows.nth(0).textContent()).toMatch(new RegExp(`retry one.*${retried}.*done.*127\\.0\\.0\\.1`));
  expect(await rows.nth(1).textContent()).toMatch(new RegExp(`discard one.*${discarded}.*done`));
});

test('a console without ADMIN_TOKEN is read-only: no token field, and every action answers 403', async () => {
  await ui.page.goto(`${ui.platform.readOnlyConsoleUrl}/dead-letters`);
  expect(await ui.page.getByText('Read-only: no ADMIN_TOKEN is configured').count()).toBe(1);
  const answer = await fetch(`${ui.platform.readOnlyConsoleUrl}/api/dead-letters/${DEAD_LETTER_QUEUE}/retry-all`, { method: 'POST', headers: { 'x-admin-token': ADMIN_TOKEN } });
  expect(answer.status).toBe(403);
  expect(await answer.json()).toMatchObject({ code: 'CONSOLE_READ_ONLY' });
});
