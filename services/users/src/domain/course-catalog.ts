import type { Course } from './course';

/** The local projection of courses. */
export interface CourseCatalog {
  find(id: string): Promise<Course | null>;
  /** The known courses among `ids`; an unknown id is left out. */
  findMany(ids: readonly string[]): Promise<Course[]>;
  /** Adds a course seen for the first time; keeps a course already known (its title may be newer). */
  add(course: Course): Promise<void>;
  /** Sets the latest title of a course, adding the course if its creation has not arrived yet. */
  retitle(course: Course): Promise<void>;
}
