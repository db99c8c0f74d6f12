/**
 * What this service knows of a course: a local projection of the courses service's events, never read from
 * its tables. It may lag behind the courses service (eventual consistency).
 */
export interface Course {
  id: string;
  title: string;
}
