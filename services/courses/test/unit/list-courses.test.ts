import { randomUUID } from 'node:crypto';
import { decodeCursor, encodeCursor } from '../../src/application/course-cursor';
import { courseFixture } from '../support/course-fixture';

describe('ListCourses', () => {
  it('walks every course once through the cursors, oldest first', async () => {
    const { putCourse, listCourses } = courseFixture();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const id = randomUUID();
      await putCourse.execute({ id, title: `C${i}`, description: '' });
      ids.push(id);
    }
    const first = await listCourses.execute({ limit: 2 });
    const second = await listCourses.execute({ limit: 2, cursor: first.nextCursor ?? '' });
    const third = await listCourses.execute({ limit: 2, cursor: second.nextCursor ?? '' });
    expect([first, second, third].flatMap((page) => page.items.map((c) => c.id))).toEqual(ids);
    expect(third.nextCursor).toBeNull();
  });

  it.each([0, 101, 1.5])('refuses a limit of %s', async (limit) => {
    await expect(courseFixture().listCourses.execute({ limit })).rejects.toMatchObject({ kind: 'invalid', field: 'limit' });
  });
});

describe('the course cursor', () => {
  it('round-trips a position', () => {
    const position = { createdAt: '2025-01-01T10:00:00.123456Z', id: randomUUID() };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ['not base64 JSON', 'bm90LWEtY3Vyc29y'],
    ['a position without microseconds', Buffer.from(JSON.stringify(['2025-01-01T10:00:00.123Z', randomUUID()])).toString('base64url')],
    ['a position without a UUID', Buffer.from(JSON.stringify(['2025-01-01T10:00:00.123456Z', 'x'])).toString('base64url')],
  ])('refuses %s with INVALID_CURSOR', (_name, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR', kind: 'invalid' }));
  });
});
