import { testing } from '@course-platform/service-kit';
import { randomUUID } from 'node:crypto';
import type { FreshInfra } from '../fresh-infra';
import { generateLoad } from '../load/load-generator';
import type { LoadResult } from '../load/load-job';
import { progress } from '../progress';
import type { BenchSettings } from '../settings';
import { bindQueue } from '../support/broker-queue';
import { busyShare, type LoopReading } from '../services/service-job';
import { ServiceProcess } from '../services/service-process';
import { epochNow } from '../support/commit-clock';
import { putJson } from '../support/http-call';
import { summarize, type LatencySummary } from '../support/percentiles';
import { baseUrl, serviceEnv } from '../support/platform-services';
import { videoBody } from '../support/video-events';

export const COURSES_QUEUE = 'courses.add_video_on_video_created';
export const USERS_QUEUE = 'users.send_email_on_video_created';

export interface LatencyAtRate {
  rate: number;
  load: LoadResult;
  /** Share of the load's duration each service's event loop was busy. */
  eventLoopUtilization: { videos: number; courses: number; users: number };
  events: number;
  /** ms from the commit of the video's transaction to the commit of the handler's, per consuming service. */
  courses: LatencySummary;
  users: LatencySummary;
}

export interface EndToEndLatencyResult {
  /** The rate the issue asks for. */
  target: LatencyAtRate;
  /** A rate well below saturation: the pipeline's own latency, without queueing. */
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

type Services = Record<'videos' | 'courses' | 'users', ServiceProcess>;

async function loopReadings(services: Services): Promise<Record<keyof Services, LoopReading>> {
  const [videos, courses, users] = await Promise.all([services.videos.loop(), services.courses.loop(), services.users.loop()]);
  return { videos, courses, users };
}

/**
 * Sends `rate` new videos a second and waits until both consumers handled every one committed after warm-up.
 * `commits` holds what the services' commit clocks reported: event id → video commit, `<queue> <event id>` →
 * handler commit, all in epoch ms.
 */
async function measureAt(
  commits: Map<string, number>,
  services: Services,
  courseId: string,
  rate: number,
  seconds: number,
  warmupSeconds: number,
): Promise<LatencyAtRate> {
  const countFrom = epochNow() + warmupSeconds * 1000;
  const loopsBefore = await loopReadings(services);
  const load = await generateLoad({
    kind: 'steady',
    url: baseUrl(services.videos),
    pathPrefix: '/videos/',
    body: videoBody(courseId),
    rate,
    seconds: warmupSeconds + seconds,
  });
  const loopsAfter = await loopReadings(services);
  const busy = (service: keyof Services) => busyShare(loopsBefore[service], loopsAfter[service]);
  const eventLoopUtilization = { videos: busy('videos'), courses: busy('courses'), users: busy('users') };
  // A service reports its commits before its loop reading (one IPC channel, in order): every video the load
  // got an answer for is in `commits` now.
  const committed = [...commits].filter(([key, at]) => !key.includes(' ') && at >= countFrom);
  progress(`  ${rate} videos/s: ${committed.length} committed in the measured window; waiting for both consumers`);
  let missing = committed.flatMap(([eventId]) => [`${COURSES_QUEUE} ${eventId}`, `${USERS_QUEUE} ${eventId}`]);
  await testing.eventually(
    () => {
      missing = missing.filter((key) => !commits.has(key));
      if (missing.length > 0) throw new Error(`${missing.length} handlings still missing (courses and users together)`);
    },
    { timeoutMs: 180_000, intervalMs: 100 },
  );
  const latencies = (queue: string) => committed.map(([eventId, at]) => (commits.get(`${queue} ${eventId}`) as number) - at);
  const result = {
    rate,
    load,
    eventLoopUtilization,
    events: committed.length,
    courses: summarize(latencies(COURSES_QUEUE)),
    users: summarize(latencies(USERS_QUEUE)),
  };
  commits.clear();
  return result;
}

/**
 * B5: a steady rate of new videos through PUT /videos/:id with the courses and users services consuming
 * them on the same vhost, each service in its own process as in production (the bench keeps only the mail
 * sink). For each video the latency runs from the commit of its transaction (which holds the outbox row) to
 * the commit of each consumer's handler transaction (which holds its inbox row), both read on the machine's
 * clock. Measured first at a low rate, then at the target rate; the first warm-up seconds of each are sent
 * but not counted.
 */
export async function endToEndLatency(infra: FreshInfra, settings: BenchSettings): Promise<EndToEndLatencyResult> {
  const sink = await testing.SmtpSink.start();
  const stops: Array<() => Promise<void>> = [() => sink.stop()];
  const commits = new Map<string, number>();
  try {
    const start = async (service: keyof Services, role: string, extra: Record<string, string> = {}) => {
      const proc = await ServiceProcess.start(service, serviceEnv(infra, role, extra), commits);
      stops.unshift(() => proc.stop());
      return proc;
    };
    const courses = await start('courses', 'courses_service');
    const users = await start('users', 'users_service', { SMTP_URL: sink.url, MAIL_FROM: 'bench@platform.test' });
    // Nothing in the platform consumes users.registered: a queue for it keeps the relay from logging each one as unroutable.
    await bindQueue(infra.vhost.url, 'bench.registrations_sink', 'users.registered');
    const videos = await start('videos', 'videos_service');
    const services = { videos, courses, users };
    const courseId = await seedCourse(baseUrl(courses), baseUrl(users), settings.students);

    commits.clear();
    const { warmupSeconds } = settings;
    const lowRate = await measureAt(commits, services, courseId, settings.lowLatencyRate, settings.lowLatencySeconds, warmupSeconds);
    const target = await measureAt(commits, services, courseId, settings.latencyRate, settings.latencySeconds, warmupSeconds);
    return { target, lowRate, emailsAccepted: sink.received.length };
  } finally {
    for (const stop of stops) await stop();
  }
}
