import { randomUUID } from 'node:crypto';
import { testing } from '@course-platform/service-kit';
import type { RecordingClient } from './recording-client';

export interface Student {
  id: string;
  email: string;
}

export interface SeededCourse {
  id: string;
  students: Student[];
}

export interface PlannedVideo {
  id: string;
  courseId: string;
}

export interface Urls {
  videos: string;
  courses: string;
  users: string;
}

const created = (status: number) => status === 200 || status === 201;

/** Runs `work` over the items with at most `concurrency` at a time. */
export async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) await work(items[index] as T, index);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

function expectCreated(what: string, answer: { status: number; body: unknown }): void {
  if (!created(answer.status)) throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
}

/**
 * Courses, and students enrolled in them, through the public APIs. An enrollment answers 404 COURSE_NOT_FOUND
 * until courses.created has reached the users service's projection: a client retries it.
 */
export async function seedCourses(client: RecordingClient, urls: Urls, courseCount: number, studentsPerCourse: number): Promise<SeededCourse[]> {
  const courses: SeededCourse[] = Array.from({ length: courseCount }, () => ({
    id: randomUUID(),
    students: Array.from({ length: studentsPerCourse }, () => {
      const id = randomUUID();
      return { id, email: `s${id.slice(0, 13)}@students.test` };
    }),
  }));
  await inPool(courses, 10, async (course, index) => {
    const body = { title: `Fault course ${index + 1}`, description: 'Created by the fault suite.' };
    expectCreated(`PUT course ${course.id}`, await client.send('courses', urls.courses, 'PUT', `/courses/${course.id}`, 'PUT /courses/:id', body));
  });
  const students = courses.flatMap((course) => course.students.map((student) => ({ course, student })));
  await inPool(students, 10, async ({ student }) => {
    const body = { name: `Student ${student.id.slice(0, 8)}`, username: `s_${student.id.slice(0, 13)}`, email: student.email };
    expectCreated(`PUT user ${student.id}`, await client.send('users', urls.users, 'PUT', `/users/${student.id}`, 'PUT /users/:id', body));
  });
  await inPool(students, 10, async ({ course, student }) => {
    await testing.eventually(
      async () => {
        const path = `/users/${student.id}/enrollments/${course.id}`;
        expectCreated(`enroll ${student.id}`, await client.send('users', urls.users, 'PUT', path, 'PUT /users/:id/enrollments/:courseId'));
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  });
  return courses;
}

/** `total` videos spread evenly over the courses. */
export function planVideos(courses: readonly SeededCourse[], total: number): PlannedVideo[] {
  return Array.from({ length: total }, (_, index) => ({ id: randomUUID(), courseId: (courses[index % courses.length] as SeededCourse).id }));
}

export interface VideoLoad {
  /** Videos whose PUT has been started so far. */
  started: number;
  /** The final HTTP status of each video's PUT (after the client's retries). */
  statuses: Map<string, number>;
  /** Videos answered 200 or 201, in the order they were. */
  accepted: string[];
  /** The course of each video. */
  courseOf: Map<string, string>;
  done: Promise<void>;
}

export interface VideoLoadOptions {
  ratePerSecond: number;
  concurrency: number;
  /** Awaited before each PUT: lets the fault schedule hold the tail of the load until every fault happened. */
  gate(index: number): Promise<void>;
}

/** PUTs the videos at a steady rate, as clients would, with the client's retries. */
export function putVideos(client: RecordingClient, videosUrl: string, videos: readonly PlannedVideo[], options: VideoLoadOptions): VideoLoad {
  const load: VideoLoad = {
    started: 0,
    statuses: new Map(),
    accepted: [],
    courseOf: new Map(videos.map((video) => [video.id, video.courseId])),
    done: Promise.resolve(),
  };
  const t0 = Date.now();
  load.done = inPool(videos, options.concurrency, async (video, index) => {
    await options.gate(index);
    // Pacing, not waiting for a condition: the load is spread over time so that the faults land inside it.
    const due = t0 + (index * 1_000) / options.ratePerSecond - Date.now();
    if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
    load.started += 1;
    const body = { title: `Video ${video.id}`, description: 'Published during the fault suite.', courseId: video.courseId, durationSeconds: 30 + (index % 900) };
    const answer = await client.send('videos', videosUrl, 'PUT', `/videos/${video.id}`, 'PUT /videos/:id', body);
    load.statuses.set(video.id, answer.status);
    if (created(answer.status)) load.accepted.push(video.id);
  });
  return load;
}

/** Readers that keep GETting from every service while the faults happen, so every API's answers are watched. */
export function startReaders(client: RecordingClient, urls: Urls, courses: readonly SeededCourse[], load: VideoLoad): () => Promise<void> {
  let running = true;
  const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)] as T;
  const loop = async () => {
    while (running) {
      const course = pick(courses);
      const student = pick(course.students);
      const video = load.accepted[load.accepted.length - 1];
      await Promise.all([
        client.once('courses', urls.courses, 'GET', `/courses/${course.id}`, 'GET /courses/:id'),
        client.once('users', urls.users, 'GET', `/users/${student.id}/notifications?limit=5`, 'GET /users/:id/notifications'),
        video ? client.once('videos', urls.videos, 'GET', `/videos/${video}`, 'GET /videos/:id') : undefined,
      ]);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const readers = loop();
  return async () => {
    running = false;
    await readers;
  };
}
