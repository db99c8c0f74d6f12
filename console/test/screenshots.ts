// `pnpm --filter @course-platform/console screenshots`: regenerates the README's console screenshots from a
// real run — the three services and the console started here, a course with students, a video, and a video
// dead-lettered because its course does not exist yet — into console/docs/screenshots/.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { testing } from '@course-platform/service-kit';
import { launchChromium } from './support/browser';
import { startConsolePlatform } from './support/console-platform';

const out = join(__dirname, '..', 'docs', 'screenshots');

async function main(): Promise<void> {
  const platform = await startConsolePlatform();
  const browser = await launchChromium();
  try {
    const put = (base: string, path: string, body?: unknown) => testing.call(base, 'PUT', path, body);
    const courseId = randomUUID();
    await put(platform.url.courses, `/courses/${courseId}`, { title: 'Event-driven TypeScript', description: 'Outbox, inbox, retries' });
    for (const name of ['ada', 'grace']) {
      const userId = randomUUID();
      await put(platform.url.users, `/users/${userId}`, { name, username: `${name}${userId.slice(0, 4)}`, email: `${name}@example.com` });
      await testing.eventually(async () => expect200(await put(platform.url.users, `/users/${userId}/enrollments/${courseId}`)));
    }
    const videoId = randomUUID();
    await put(platform.url.videos, `/videos/${videoId}`, { title: 'The outbox pattern', description: 'Why nothing is lost', courseId, durationSeconds: 300 });
    await put(platform.url.videos, `/videos/${randomUUID()}`, { title: 'Too early', description: 'Its course does not exist yet', courseId: randomUUID(), durationSeconds: 60 });

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const shot = async (path: string, name: string, ready: () => Promise<unknown>) => {
      await testing.eventually(async () => {
        await page.goto(`${platform.consoleUrl}${path}`);
        await ready();
      });
      await page.screenshot({ path: join(out, `${name}.png`) });
      process.stdout.write(`wrote ${join(out, `${name}.png`)}\n`);
    };
    await shot('/', 'overview', async () => {
      await page.locator('tr[data-queue="courses.add_video_on_video_created"] td').nth(3).filter({ hasText: '1' }).waitFor({ timeout: 1_000 });
      await page.locator('tr[data-queue] a.bad').first().waitFor({ timeout: 1_000 });
    });
    await shot('/topology', 'topology', () => page.locator('svg.topology').waitFor({ timeout: 1_000 }));
    await shot('/dead-letters', 'dead-letters', async () => {
      await page.locator('li.dead-letter').first().waitFor({ timeout: 1_000 });
      await page.locator('li.dead-letter details').first().evaluate((details) => ((details as { open: boolean }).open = true));
    });
    // The video's events, as an operator finds them: by the video's id.
    const eventId = await testing.eventually(async () => {
      await page.goto(`${platform.consoleUrl}/events?q=${videoId}`);
      return page.locator('tbody tr', { hasText: 'videos.created' }).locator('a').textContent({ timeout: 1_000 });
    });
    await shot(`/events/${eventId}`, 'journey', () => page.locator('li[data-email]').nth(1).waitFor({ timeout: 1_000 }));
  } finally {
    await browser.close();
    await platform.stop();
  }
}

function expect200(answer: { status: number }): void {
  if (answer.status !== 201 && answer.status !== 200) throw new Error(`enrollment answered ${answer.status}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`screenshots: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
