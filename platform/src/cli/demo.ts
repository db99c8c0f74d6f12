// `pnpm demo`: drives a running platform (make start) through one story and checks each step:
// a course, two students who enroll, a video and a comment; events, projections and emails as they happen.
import { randomUUID } from 'node:crypto';
import { messagingTesting } from '@course-platform/messaging';
import { testing } from '@course-platform/service-kit';
import { platformEnv } from '../launcher/platform-env';

const env = platformEnv();
const url = (name: string) => `http://127.0.0.1:${env.services.find((s) => s.name === name)!.port}`;
const results: Array<{ step: string; ok: boolean; detail: string }> = [];

async function http(method: string, target: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(target, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

async function step(name: string, check: () => Promise<string>, timeoutMs = 15_000): Promise<void> {
  try {
    const detail = await testing.eventually(check, { timeoutMs });
    results.push({ step: name, ok: true, detail });
    console.log(`  ✔ ${name}: ${detail}`);
  } catch (error) {
    results.push({ step: name, ok: false, detail: (error as Error).message });
    console.log(`  ✘ ${name}: ${(error as Error).message}`);
  }
}

function expectStatus(response: { status: number; json: unknown }, ...ok: number[]): void {
  if (!ok.includes(response.status)) throw new Error(`HTTP ${response.status} ${JSON.stringify(response.json)}`);
}

async function main(): Promise<number> {
  const probe = await messagingTesting.EventProbe.start(env.rabbitmqUrl, env.services[0]!.env.EVENTS_EXCHANGE!);
  const seen = new Set<string>();
  const timer = setInterval(() => {
    for (const event of probe.received) {
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      console.log(`    event ${event.type} from ${event.meta.producer} (aggregate ${event.aggregateId.slice(0, 8)}, correlation ${event.meta.correlationId.slice(0, 8)})`);
    }
  }, 100);
  const courseId = randomUUID();
  const students = [
    { id: randomUUID(), name: 'Ada Lovelace', username: `ada_${courseId.slice(0, 6)}`, email: `ada.${courseId.slice(0, 6)}@example.com` },
    { id: randomUUID(), name: 'Alan Turing', username: `alan_${courseId.slice(0, 6)}`, email: `alan.${courseId.slice(0, 6)}@example.com` },
  ];
  const videoId = randomUUID();
  const title = `Event sourcing in practice ${courseId.slice(0, 4)}`;
  console.log(`course-platform demo (course ${courseId})`);

  await step('create the course', async () => {
    const r = await http('PUT', `${url('courses')}/courses/${courseId}`, { title: 'Domain-Driven Design', description: 'Aggregates, events and more.' });
    expectStatus(r, 201, 200);
    return `HTTP ${r.status}`;
  });
  await step('courses.created is published', async () => `${(await probe.waitFor('courses.created', { aggregateId: courseId, timeoutMs: 2_000 })).length} event`);
  for (const student of students) {
    await step(`register ${student.name}`, async () => {
      const r = await http('PUT', `${url('users')}/users/${student.id}`, { name: student.name, username: student.username, email: student.email });
      expectStatus(r, 201, 200);
      return `HTTP ${r.status}`;
    });
    // The users service learns of the course from courses.created: until then it answers 404 COURSE_NOT_FOUND.
    await step(`enroll ${student.name}`, async () => {
      const r = await http('PUT', `${url('users')}/users/${student.id}/enrollments/${courseId}`);
      expectStatus(r, 201, 200);
      return `HTTP ${r.status}`;
    });
  }
  await step('the course counts 2 students', async () => {
    const r = await http('GET', `${url('courses')}/courses/${courseId}`);
    const course = r.json as { studentCount?: number };
    if (course.studentCount !== 2) throw new Error(`studentCount is ${course.studentCount}`);
    return 'studentCount = 2';
  });
  await step('add a video', async () => {
    const r = await http('PUT', `${url('videos')}/videos/${videoId}`, { title, description: 'Outbox, relay, inbox.', courseId, durationSeconds: 754 });
    expectStatus(r, 201, 200);
    return `HTTP ${r.status}`;
  });
  await step("the video appears in the course's list", async () => {
    const r = await http('GET', `${url('courses')}/courses/${courseId}`);
    const course = r.json as { videos?: Array<{ videoId: string; title: string }>; totalDurationSeconds?: number };
    if (!course.videos?.some((v) => v.videoId === videoId)) throw new Error('not in the list yet');
    return `${course.videos.length} video(s), ${course.totalDurationSeconds} s in total`;
  });
  await step('comment on the video', async () => {
    const r = await http('PUT', `${url('videos')}/videos/${videoId}/comments/${randomUUID()}`, { authorId: students[0]!.id, content: 'Finally, no lost events!' });
    expectStatus(r, 201, 200);
    return `HTTP ${r.status}`;
  });
  await step('the comment count is 1', async () => {
    const r = await http('GET', `${url('videos')}/videos/${videoId}/comments-count`);
    const count = r.json as { totalComments?: number };
    if (count.totalComments !== 1) throw new Error(`totalComments is ${count.totalComments}`);
    return 'totalComments = 1';
  });
  await step('each student received one email about the video', async () => {
    const r = await http('GET', `http://127.0.0.1:${env.mailWebPort}/email`);
    const emails = (r.json as Array<{ subject: string; to: Array<{ address: string }> }>).filter((m) => m.subject.includes(title));
    for (const student of students) {
      const mine = emails.filter((m) => m.to.some((t) => t.address === student.email));
      if (mine.length !== 1) throw new Error(`${student.email} has ${mine.length} email(s)`);
    }
    return `"${emails[0]!.subject}" to ${emails.map((m) => m.to[0]!.address).join(', ')}`;
  }, 30_000);

  clearInterval(timer);
  await probe.stop();
  const failed = results.filter((r) => !r.ok);
  console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
