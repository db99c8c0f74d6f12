import { CourseCreated, CourseId, CourseUpdated } from '@course-platform/shared-kernel';
import { randomUUID } from 'node:crypto';
import { Course } from '../../src/domain/course';
import { CourseDescription } from '../../src/domain/course-description';
import { CourseTitle } from '../../src/domain/course-title';

const now = new Date('2025-03-01T10:00:00.000Z');

function details(title: string, description: string) {
  return { title: new CourseTitle(title), description: new CourseDescription(description) };
}

describe('Course', () => {
  it('records courses.created with its trimmed title, valid by the contract', () => {
    const id = randomUUID();
    const course = Course.create(new CourseId(id), details('  Event sourcing  ', ' as is '), now);
    const [event, ...rest] = course.pullDomainEvents();
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ type: 'courses.created', aggregateId: id, occurredOn: now.toISOString() });
    expect(CourseCreated.schema.parse(event?.data)).toEqual({ courseId: id, title: 'Event sourcing', description: ' as is ' });
    expect(course.revision).toBe(1);
  });

  it('records courses.updated with only the fields that changed', () => {
    const course = Course.fromPrimitives({ id: randomUUID(), title: 'Old', description: 'Same', revision: 3 });
    expect(course.update(details('New', 'Same'), now)).toBe(true);
    const [event] = course.pullDomainEvents();
    expect(CourseUpdated.schema.parse(event?.data).changes).toEqual({ title: 'New' });
    expect(course.revision).toBe(4);
  });

  it('records nothing when a PUT changes nothing', () => {
    const course = Course.fromPrimitives({ id: randomUUID(), title: 'Same', description: 'Same', revision: 1 });
    expect(course.update(details(' Same ', 'Same'), now)).toBe(false);
    expect(course.pullDomainEvents()).toEqual([]);
    expect(course.revision).toBe(1);
  });

  it.each([
    ['an empty title', () => new CourseTitle('   ')],
    ['a title over 200 characters', () => new CourseTitle('x'.repeat(201))],
    ['a title that is not a string', () => new CourseTitle(42)],
    ['a description over 5,000 characters', () => new CourseDescription('x'.repeat(5001))],
  ])('rejects %s', (_name, build) => {
    expect(build).toThrow(expect.objectContaining({ kind: 'invalid', code: 'INVALID_ARGUMENT' }));
  });

  it('accepts the bounds: 200-character title and empty or 5,000-character description', () => {
    expect(new CourseTitle('x'.repeat(200)).value).toHaveLength(200);
    expect(new CourseDescription('').value).toBe('');
    expect(new CourseDescription('y'.repeat(5000)).value).toHaveLength(5000);
  });
});
