// `pnpm test:faults`: the whole platform as child processes under load while RabbitMQ restarts, the users
// service is SIGKILLed, Postgres restarts and poison messages arrive; then the figures and the checks.
// It disturbs the shared broker and database server: never run it beside another test run.
// `pnpm test:faults --cluster` (make faults-cluster): the same load and checks on the 3-node cluster of
// make cluster, with its own faults (see suite-profiles.ts).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testing } from '@course-platform/service-kit';
import { logTail } from '../launcher/log-lines';
import { CleanupStack } from './cleanup-stack';
import { startFaultPlatform } from './fault-platform';
import { runFaults } from './fault-schedule';
import { planVideos, putVideos, seedCourses, startReaders, type Urls } from './load-generator';
import { observe } from './observations';
import { waitForOtherTestRuns } from './other-test-runs';
import { poisonMessages } from './poison-messages';
import { RecordingClient } from './recording-client';
import { renderReport } from './report';
import { waitUntilSettled } from './settle';
import { clusterProfile, singleNodeProfile } from './suite-profiles';
import { judge } from './verdict';

const profile = process.argv.includes('--cluster') ? clusterProfile : singleNodeProfile;
const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const settings = {
  courses: setting('FAULTS_COURSES', 20),
  studentsPerCourse: setting('FAULTS_STUDENTS_PER_COURSE', 5),
  videos: setting('FAULTS_VIDEOS', 2_000),
  videosPerSecond: setting('FAULTS_VIDEO_RATE', profile.videosPerSecond),
  poison: setting('FAULTS_POISON', 50),
  deadlineMs: setting('FAULTS_DEADLINE_MS', 20 * 60_000),
};

const t0 = Date.now();
const say = (line: string) => process.stdout.write(`[faults ${((Date.now() - t0) / 1_000).toFixed(1).padStart(6)} s] ${line}\n`);

async function suite(cleanup: CleanupStack, logPath: string): Promise<boolean> {
  const { replicas } = profile.platform;
  const platform = await startFaultPlatform(cleanup, logPath, profile.platform, (db, vhost) =>
    say(`starting the three services${replicas > 1 ? `, ${replicas} replicas each,` : ''} in database ${db} and vhost ${vhost} (logs: ${logPath})`),
  );
  cleanup.push('restore what the faults broke', () => profile.restore(platform, say));
  const urls: Urls = { videos: platform.url('videos'), courses: platform.url('courses'), users: platform.url('users') };
  const client = new RecordingClient();
  say(`ready; seeding ${settings.courses} courses with ${settings.studentsPerCourse} enrolled students each`);
  const courses = await seedCourses(client, urls, settings.courses, settings.studentsPerCourse);
  const loadStarted = Date.now();

  const videos = planVideos(courses, settings.videos);
  const poison = poisonMessages(settings.poison);
  const faults = profile.faults(platform, poison, say);
  // Fault k starts at (k+1)/(n+1) of the load; the last tenth waits until every fault is over, so all of them
  // happen while videos are being PUT.
  const threshold = (index: number) => Math.floor(((index + 1) * settings.videos) / (faults.length + 1));
  const holdAt = Math.floor(settings.videos * 0.9);
  let faultsOver: Promise<unknown> = Promise.resolve();
  say(`PUTting ${settings.videos} videos at ${settings.videosPerSecond}/s`);
  const load = putVideos(client, urls.videos, videos, {
    ratePerSecond: settings.videosPerSecond,
    concurrency: 16,
    gate: (index) => (index >= holdAt ? faultsOver.then(() => undefined) : Promise.resolve()),
  });
  const stopReaders = startReaders(client, urls, courses, load);
  const scheduled = runFaults(faults, platform.all, async (index) => {
    await testing.eventually(() => load.started >= threshold(index), { timeoutMs: 10 * 60_000, intervalMs: 50 });
    // Someone may have started tests since the suite began: each fault waits for them as the start did.
    if (profile.disturbsSharedServers) await waitForOtherTestRuns(say);
    say(`fault ${index + 1}: ${faults[index]?.name} (${load.started} videos PUT)`);
  });
  faultsOver = scheduled.catch(() => undefined);
  const outcomes = await scheduled;
  for (const o of outcomes) say(`  ${o.name}: ${o.error ?? `repaired after ${((o.repairedAt ?? 0) - o.startedAt) / 1_000} s, all ready ${((o.readyAt ?? 0) - (o.repairedAt ?? 0)) / 1_000} s later`}`);
  await load.done;
  await stopReaders();
  say(`load done (${load.accepted.length} accepted); waiting for events, emails and dead letters to settle`);
  const loadEnded = Date.now();

  const expectedEmails = settings.studentsPerCourse * load.accepted.length;
  const unsettled = await waitUntilSettled(platform, {
    videos: load.accepted.length,
    emails: expectedEmails,
    deadLetters: poison.reduce((sum, message) => sum + message.queues.length, 0),
  });
  const settledAt = Date.now();
  const observations = await observe(platform, client, courses);
  const timings = {
    'start and seed (services, courses, students)': (loadStarted - t0) / 1_000,
    'load with the faults': (loadEnded - loadStarted) / 1_000,
    'settling (last events, emails, dead letters)': (settledAt - loadEnded) / 1_000,
  };
  const verdict = judge({ courses, plannedVideos: settings.videos, load, attempts: client.attempts, outcomes, poison, observations, unsettled, timings });
  const minutes = ((Date.now() - t0) / 60_000).toFixed(1);
  process.stdout.write(`\n${renderReport(verdict, `${profile.title}: ${settings.videos} videos in ${settings.courses} courses, ${settings.studentsPerCourse} students each; ${minutes} min`)}`);
  return verdict.passed;
}

async function main(): Promise<number> {
  if (profile.disturbsSharedServers) await waitForOtherTestRuns(say);
  const logPath = process.env.FAULTS_LOG_FILE ?? join(tmpdir(), `fault-suite-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  const cleanup = new CleanupStack();
  let passed = false;
  let timer: NodeJS.Timeout | undefined;
  const abort = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the suite overran FAULTS_DEADLINE_MS (${settings.deadlineMs} ms)`)), settings.deadlineMs);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => reject(new Error(`interrupted by ${signal}`)));
    // Whatever goes wrong, the cleanup below still runs.
    process.on('uncaughtException', reject);
    process.on('unhandledRejection', reject);
  });
  try {
    passed = await Promise.race([suite(cleanup, logPath), abort]);
  } catch (error) {
    say(`the suite failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
    say('cleaning up: services, SMTP sink, vhost, database');
    for (const failure of await cleanup.run()) say(`cleanup failed: ${failure}`);
  }
  if (!passed) process.stdout.write(`\nlast lines of the services' logs (${logPath}):\n${logTail(logPath, 40)}\n`);
  say(`done in ${((Date.now() - t0) / 1_000).toFixed(0)} s`);
  return passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`fault suite: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
