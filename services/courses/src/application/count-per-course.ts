import { CourseNotKnownYetError } from '../domain/course-errors';

/**
 * What a batch of events counts, applied with one increment per course: the amounts of one course are added up
 * first. Courses are counted in id order in every transaction, so two batches that count the same courses
 * never wait on each other in a circle. An unknown course throws, which rolls the batch back.
 */
export async function countPerCourse<A>(
  amounts: Iterable<{ courseId: string; amount: A }>,
  plus: (a: A, b: A) => A,
  add: (courseId: string, amount: A) => Promise<boolean>,
): Promise<void> {
  const perCourse = new Map<string, A>();
  for (const { courseId, amount } of amounts) {
    const sum = perCourse.get(courseId);
    perCourse.set(courseId, sum === undefined ? amount : plus(sum, amount));
  }
  for (const [courseId, amount] of [...perCourse].sort(([a], [b]) => a.localeCompare(b))) {
    if (!(await add(courseId, amount))) throw new CourseNotKnownYetError(courseId);
  }
}
