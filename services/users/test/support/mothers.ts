import { randomBytes, randomUUID } from 'node:crypto';
import { CourseCreated, VideoCreated, type EventOf } from '@course-platform/shared-kernel';

const suffix = () => randomBytes(4).toString('hex');

export function aUserCommand(overrides: Partial<{ id: string; name: string; username: string; email: string }> = {}) {
  const tag = suffix();
  return { id: randomUUID(), name: `Student ${tag}`, username: `student_${tag}`, email: `student.${tag}@example.com`, ...overrides };
}

export function aCourseCreated(overrides: Partial<{ courseId: string; title: string }> = {}): EventOf<typeof CourseCreated> {
  const courseId = overrides.courseId ?? randomUUID();
  return CourseCreated.create(courseId, { courseId, title: overrides.title ?? `Course ${suffix()}`, description: 'A course.' });
}

export function aVideoCreated(courseId: string, overrides: Partial<{ title: string; description: string }> = {}): EventOf<typeof VideoCreated> {
  const videoId = randomUUID();
  return VideoCreated.create(videoId, {
    videoId,
    courseId,
    title: overrides.title ?? `Video ${suffix()}`,
    description: overrides.description ?? 'What this video teaches.',
    durationSeconds: 300,
    revision: 1,
  });
}
