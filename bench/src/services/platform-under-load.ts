import { testing } from '@course-platform/service-kit';
import { randomUUID } from 'node:crypto';
import type { FreshInfra } from '../fresh-infra';
import { generateLoad } from '../load/load-generator';
import type { LoadResult } from '../load/load-job';
import { progress } from '../progress';
import { bindQueue } from '../support/broker-queue';
import { epochNow } from '../support/commit-clock';
import { cpuShare, readCpu, type CpuReading, type CpuShare } from '../support/machine-cpu';
import { putJson } from '../support/http-call';
import { summarize, type LatencySummary } from '../support/percentiles';
import { baseUrl, serviceEnv } from '../support/platform-services';
import { videoBody } from '../support/video-events';
import { COURSES_QUEUE, USERS_QUEUE } from './chain-queues';
import { busyShare, type LoopReading, type ServiceName } from './service-job';
import { ServiceProcess } from './service-process';

/** How long the emails of a rate's videos may trail their handling before the rate counts as not carried. */
const EMAILS_TIMEOUT_MS = 30_000;

export interface LatencyAtRate {
  rate: number;
  load: LoadResult;
  /** Share of the load's duration each service's event loop was busy. */
  eventLoopUtilization: Record<ServiceName, number>;
  events: number;
  /**
   * Videos committed per second within the measured window: the rate the platform took in, whatever the
   * tail of slow answers after the last request (which lowers `load.rps`).
   */
  committedPerSecond: number;
  /** ms from the commit of the video's transaction to the commit of the handler's, per consuming service. */
  courses: LatencySummary;
  users: LatencySummary;
  /**
   * SQL statements each service sent per video answered, from the start of the warm-up until both consumers
   * handled every video: each a round trip to Postgres, and at a steady rate most of them wake a process.
   */
  statementsPerVideo: Record<ServiceName, number>;
  /** Emails the sink accepted for this rate's videos (warm-up included), against one per enrolled student and video. */
  emails: { accepted: number; expected: number };
  /**
   * The CPU of each process per video committed in the measured window, from the end of the warm-up to the
   * last answer of the load: the services, Postgres, RabbitMQ and the bench (load generator and SMTP sink).
   */
  cpu: CpuShare;
}

type Services = Record<ServiceName, ServiceProcess>;

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

/**
 * The platform as B5 and B7 load it: the videos, courses and users services each in a process of its own,
 * as in production, on one vhost, with one course of `students` enrolled students and an SMTP sink in the
 * bench. `measureAt` sends new videos at a steady rate and reads, on the machine's clock, each video's
 * commit and each consumer's handling of it, from the commit clocks of the service processes.
 */
export class PlatformUnderLoad {
  /** Event id → video commit, `<queue> <event id>` → handler commit, epoch ms, as the processes report them. */
  private readonly commits = new Map<string, number>();
  private readonly stops: Array<() => Promise<void>> = [];
  private services: Services | null = null;
  private courseId = '';
  private sink: testing.SmtpSink | null = null;

  private constructor(private readonly students: number) {}

  /**
   * The platform's three services, or with `raw` B7 raw's three processes (raw-chain-worker.ts: the same hops
   * with the least code, which need no course seeded: the users process mails `students` addresses a video).
   */
  static async start(infra: FreshInfra, students: number, raw = false): Promise<PlatformUnderLoad> {
    const platform = new PlatformUnderLoad(students);
    try {
      await (raw ? platform.startRaw(infra) : platform.startServices(infra));
    } catch (error) {
      await platform.stop();
      throw error;
    }
    return platform;
  }

  get emailsAccepted(): number {
    return this.sink?.received.length ?? 0;
  }

  private async startSink(): Promise<testing.SmtpSink> {
    const sink = await testing.SmtpSink.start();
    this.sink = sink;
    this.stops.push(() => sink.stop());
    return sink;
  }

  private async startServices(infra: FreshInfra): Promise<void> {
    const sink = await this.startSink();
    const start = async (service: ServiceName, role: string, extra: Record<string, string> = {}) => {
      const proc = await ServiceProcess.start(service, serviceEnv(infra, role, extra), this.commits);
      this.stops.unshift(() => proc.stop());
      return proc;
    };
    const courses = await start('courses', 'courses_service');
    const users = await start('users', 'users_service', { SMTP_URL: sink.url, MAIL_FROM: 'bench@platform.test' });
    // Nothing in the platform consumes users.registered: a queue for it keeps the relay from logging each one as unroutable.
    await bindQueue(infra.vhost.url, 'bench.registrations_sink', 'users.registered');
    const videos = await start('videos', 'videos_service');
    this.services = { videos, courses, users };
    this.courseId = await seedCourse(baseUrl(courses), baseUrl(users), this.students);
    this.commits.clear();
  }

  private async startRaw(infra: FreshInfra): Promise<void> {
    const sink = await this.startSink();
    const start = async (service: ServiceName, role: string) => {
      const env = {
        DATABASE_URL: infra.db.urlFor(role),
        RABBITMQ_URL: infra.vhost.url,
        SMTP_URL: sink.url,
        STUDENTS: String(this.students),
      };
      const proc = await ServiceProcess.start(service, env, this.commits, true);
      this.stops.unshift(() => proc.stop());
      return proc;
    };
    const courses = await start('courses', 'courses_service');
    const users = await start('users', 'users_service');
    const videos = await start('videos', 'videos_service');
    this.services = { videos, courses, users };
    this.courseId = randomUUID();
  }

  async stop(): Promise<void> {
    for (const stop of this.stops.splice(0)) await stop();
  }

  private async loopReadings(): Promise<Record<ServiceName, LoopReading>> {
    const { videos, courses, users } = this.running();
    const [v, c, u] = await Promise.all([videos.loop(), courses.loop(), users.loop()]);
    return { videos: v, courses: c, users: u };
  }

  private readCpu(): CpuReading {
    const { videos, courses, users } = this.running();
    return readCpu({ videos: videos.pid, courses: courses.pid, users: users.pid });
  }

  private running(): Services {
    if (!this.services) throw new Error('the platform is not running');
    return this.services;
  }

  /**
   * Sends `rate` new videos a second for `warmupSeconds + seconds`, waits until both consumers handled every
   * video committed after the warm-up, then for the emails of every video sent.
   */
  async measureAt(rate: number, seconds: number, warmupSeconds: number): Promise<LatencyAtRate> {
    const { commits } = this;
    const emailsBefore = this.emailsAccepted;
    const countFrom = epochNow() + warmupSeconds * 1000;
    const loopsBefore = await this.loopReadings();
    let cpuBefore: CpuReading | null = null;
    const warmedUp = setTimeout(() => (cpuBefore = this.readCpu()), warmupSeconds * 1000);
    const load = await generateLoad({
      kind: 'steady',
      url: baseUrl(this.running().videos),
      pathPrefix: '/videos/',
      body: videoBody(this.courseId),
      rate,
      seconds: warmupSeconds + seconds,
    });
    clearTimeout(warmedUp);
    const cpuAfter = this.readCpu();
    const loopsAfter = await this.loopReadings();
    const busy = (service: ServiceName) => busyShare(loopsBefore[service], loopsAfter[service]);
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
    const emails = await this.emailsOf(load.ok, emailsBefore);
    // Read once the emails are in: the users service's dispatcher sends them, and marks them, after the handling.
    const loopsDrained = await this.loopReadings();
    const statementsPerVideo = (service: ServiceName) =>
      (loopsDrained[service].statements - loopsBefore[service].statements) / Math.max(1, load.ok);
    const windowEnd = countFrom + seconds * 1000;
    const inWindow = committed.filter(([, at]) => at < windowEnd).length;
    const latencies = (queue: string) => committed.map(([eventId, at]) => (commits.get(`${queue} ${eventId}`) as number) - at);
    const result = {
      rate,
      load,
      eventLoopUtilization: { videos: busy('videos'), courses: busy('courses'), users: busy('users') },
      events: committed.length,
      committedPerSecond: inWindow / seconds,
      courses: summarize(latencies(COURSES_QUEUE)),
      users: summarize(latencies(USERS_QUEUE)),
      statementsPerVideo: {
        videos: statementsPerVideo('videos'),
        courses: statementsPerVideo('courses'),
        users: statementsPerVideo('users'),
      },
      emails,
      cpu: cpuShare(cpuBefore ?? cpuAfter, cpuAfter, inWindow),
    };
    commits.clear();
    return result;
  }

  /** Waits (a while) for one email per student and video sent: the dispatcher sends them after the handling commits. */
  private async emailsOf(videos: number, before: number): Promise<LatencyAtRate['emails']> {
    const expected = videos * this.students;
    const accepted = () => this.emailsAccepted - before;
    await testing.eventually(() => accepted() >= expected, { timeoutMs: EMAILS_TIMEOUT_MS, intervalMs: 100 }).catch(() => undefined);
    return { accepted: accepted(), expected };
  }
}
