import { testing } from '@course-platform/service-kit';
import { randomUUID } from 'node:crypto';
import type { FreshInfra } from '../fresh-infra';
import { generateLoad } from '../load/load-generator';
import type { LoadResult } from '../load/load-job';
import { progress } from '../progress';
import type { BenchSettings } from '../settings';
import { bindQueue } from '../support/broker-queue';
import { CommitClock, inboxEntries, outboxEvents } from '../support/commit-clock';
import { putJson } from '../support/http-call';
import { summarize, type LatencySummary } from '../support/percentiles';
import { baseUrl, coursesService, usersService, videosService } from '../support/platform-services';
import { SmtpSink } from '../support/smtp-sink';
import { videoBody } from '../support/video-events';

export const COURSES_QUEUE = 'courses.add_video_on_video_created';
export const USERS_QUEUE = 'users.send_email_on_video_created';

export interface LatencyAtRate {
  rate: number;
  load: LoadResult;
  /** Share of the load's duration the one event loop of the three services (and the mail sink) was busy. */
  eventLoopUtilization: number;
  events: number;
  /** ms from the commit of the video's transaction to the commit of the handler's, per consuming service. */
  courses: LatencySummary;
  users: LatencySummary;
}

export interface EndToEndLatencyResult {
  /** The rate the issue asks for. */
  target: LatencyAtRate;
  /** A rate this machine's one event loop keeps up with: the pipeline's own latency, without queueing. */
  lowRate: LatencyAtRate;
  emailsAccepted: number;
}

/** A course in the courses service, known to the users service, with `students` enrolled. */
async function seedCourse(courses: string, users: string, students: number): Promise<string> {
  const courseId = randomUUID();
  await putJson(`${courses}/courses/${courseId}`, { title: 'Designing event-driven systems', description: 'Outbox, relay, inbox.' });
  for (let i = 0; i < students; i += 1) {
    const userId = randomUUID();
    const tag = userId.slice(0, 8);
    await putJson(`${users}/users/${userId}`, {
      name: `Student ${i + 1}`,
      username: `student_${tag}`,
      email: `student.${tag}@example.com`,
    });
    // The users service learns of the course from courses.created: until then enrolling answers 404.
    await testing.eventually(() => putJson(`${users}/users/${userId}/enrollments/${courseId}`), { timeoutMs: 10_000 });
  }
  return courseId;
}

/** Sends `rate` new videos a second and waits until both consumers handled every one committed after warm-up. */
async function measureAt(
  clock: CommitClock,
  videosUrl: string,
  courseId: string,
  rate: number,
  seconds: number,
  warmupSeconds: number,
): Promise<LatencyAtRate> {
  const countFrom = performance.now() + warmupSeconds * 1000;
  const loopBefore = performance.eventLoopUtilization();
  const load = await generateLoad({
    kind: 'steady',
    url: videosUrl,
    pathPrefix: '/videos/',
    body: videoBody(courseId),
    rate,
    seconds: warmupSeconds + seconds,
  });
  const eventLoopUtilization = performance.eventLoopUtilization(loopBefore).utilization;
  const committed = [...clock.committedAt].filter(([key, at]) => !key.includes(' ') && at >= countFrom);
  progress(`  ${rate} videos/s: ${committed.length} committed in the measured window; waiting for both consumers`);
  // Each check looks only at what was still missing, so waiting costs the consumers next to no CPU.
  let missing = committed.flatMap(([eventId]) => [`${COURSES_QUEUE} ${eventId}`, `${USERS_QUEUE} ${eventId}`]);
  await testing.eventually(
    () => {
      missing = missing.filter((key) => !clock.committedAt.has(key));
      if (missing.length > 0) throw new Error(`${missing.length} handlings still missing (courses and users together)`);
    },
    { timeoutMs: 180_000, intervalMs: 100 },
  );
  const latencies = (queue: string) => committed.map(([eventId, at]) => (clock.committedAt.get(`${queue} ${eventId}`) as number) - at);
  for (const [key] of committed) clock.committedAt.delete(key);
  return {
    rate,
    load,
    eventLoopUtilization,
    events: committed.length,
    courses: summarize(latencies(COURSES_QUEUE)),
    users: summarize(latencies(USERS_QUEUE)),
  };
}

/**
 * B5: a steady rate of new videos through PUT /videos/:id with the courses and users services consuming
 * them on the same vhost, all three in this process. For each video the latency runs from the commit of its
 * transaction (which holds the outbox row) to the commit of each consumer's handler transaction (which holds
 * its inbox row), both read on this process's clock. Measured first at a low rate, then at the target rate;
 * the first warm-up seconds of each are sent but not counted.
 */
export async function endToEndLatency(infra: FreshInfra, settings: BenchSettings): Promise<EndToEndLatencyResult> {
  const sink = await SmtpSink.start();
  const stops: Array<() => Promise<void>> = [() => sink.stop()];
  const clock = new CommitClock();
  try {
    const courses = await coursesService(infra);
    stops.unshift(() => courses.stop());
    const users = await usersService(infra, sink.url);
    stops.unshift(() => users.stop());
    // Nothing in the platform consumes users.registered: a queue for it keeps the relay from logging each one as unroutable.
    await bindQueue(infra.vhost.url, 'bench.registrations_sink', 'users.registered');
    const videos = await videosService(infra);
    stops.unshift(() => videos.stop());
    const courseId = await seedCourse(baseUrl(courses), baseUrl(users), settings.students);

    clock.watch(videos.knex, outboxEvents);
    clock.watch(courses.knex, inboxEntries);
    clock.watch(users.knex, inboxEntries);
    const { warmupSeconds } = settings;
    const lowRate = await measureAt(clock, baseUrl(videos), courseId, settings.lowLatencyRate, settings.lowLatencySeconds, warmupSeconds);
    const target = await measureAt(clock, baseUrl(videos), courseId, settings.latencyRate, settings.latencySeconds, warmupSeconds);
    return { target, lowRate, emailsAccepted: sink.accepted };
  } finally {
    clock.stop();
    for (const stop of stops) await stop();
  }
}
