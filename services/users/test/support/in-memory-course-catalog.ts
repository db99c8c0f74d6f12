import type { Course } from '../../src/domain/course';
import type { CourseCatalog } from '../../src/domain/course-catalog';

export class InMemoryCourseCatalog implements CourseCatalog {
  private readonly titles = new Map<string, string>();

  async find(id: string): Promise<Course | null> {
    const title = this.titles.get(id);
    return title === undefined ? null : { id, title };
  }

  async findMany(ids: readonly string[]): Promise<Course[]> {
    return ids.flatMap((id) => {
      const title = this.titles.get(id);
      return title === undefined ? [] : [{ id, title }];
    });
  }

  async add(course: Course): Promise<void> {
    if (!this.titles.has(course.id)) this.titles.set(course.id, course.title);
  }

  async retitle(course: Course): Promise<void> {
    this.titles.set(course.id, course.title);
  }
}
