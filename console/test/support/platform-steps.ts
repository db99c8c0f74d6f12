// What the browser tests do to the platform before they look at the console: courses, students, videos, and
// finding an event as an operator does.
import { randomUUID } from 'node:crypto';
import { testing } from '@course-platform/service-kit';
import type { Page } from 'playwright-core';
import type { ConsolePlatform } from './console-platform';

export class PlatformSteps {
  constructor(private readonly platform: ConsolePlatform) {}

  put(base: string, path: string, body?: unknown) {
    return testing.call(base, 'PUT', path, body);
  }

  async aCourse(courseId: string = randomUUID(), title = 'Event-driven TypeScript') {
    expect((await this.put(this.platform.url.courses, `/courses/${courseId}`, { title, description: 'Outbox, inbox, retries' })).status).toBe(201);
    return courseId;
  }

  async aCourseWithStudents(count: number) {
    const courseId = await this.aCourse();
    const emails: string[] = [];
    for (let n = 0; n < count; n += 1) {
      const userId = randomUUID();
      const email = `student-${userId.slice(0, 8)}@example.com`;
      expect((await this.put(this.platform.url.users, `/users/${userId}`, { name: 'A Student', username: `s${userId.slice(0, 8)}`, email })).status).toBe(201);
      await testing.eventually(async () => expect((await this.put(this.platform.url.users, `/users/${userId}/enrollments/${courseId}`)).status).toBe(201));
      emails.push(email);
    }
    return { courseId, emails };
  }

  async aVideo(courseId: string) {
    const videoId = randomUUID();
    const body = { title: 'The outbox pattern', description: 'Why nothing is lost', courseId, durationSeconds: 300 };
    expect((await this.put(this.platform.url.videos, `/videos/${videoId}`, body)).status).toBe(201);
    return videoId;
  }

  /** The id of a video's `videos.created`, found as an operator finds it: searching the video's id. */
  async createdEventOf(page: Page, videoId: string): Promise<string> {
    return testing.eventually(async () => {
      await page.goto(`${this.platform.consoleUrl}/events?q=${videoId}`);
      const row = page.locator('tr', { hasText: 'videos.created' });
      expect(await row.count()).toBe(1);
      return (await row.locator('a').textContent()) ?? '';
    });
  }
}
