import { AggregateRoot, CourseCreated, CourseId, CourseUpdated, type EventOf } from '@course-platform/shared-kernel';
import { CourseDescription } from './course-description';
import { CourseTitle } from './course-title';

export type CourseEvent = EventOf<typeof CourseCreated> | EventOf<typeof CourseUpdated>;

export interface CourseDetails {
  title: CourseTitle;
  description: CourseDescription;
}

/** How a course's own fields are stored and rebuilt; its videos and counters are projections, kept apart. */
export interface CoursePrimitives {
  id: string;
  title: string;
  description: string;
  revision: number;
}

type CourseChanges = EventOf<typeof CourseUpdated>['data']['changes'];

/** A course of the catalog: what its author writes. Revision grows by one with every change. */
export class Course extends AggregateRoot<CourseEvent> {
  private constructor(
    readonly id: CourseId,
    private details: CourseDetails,
    private currentRevision: number,
  ) {
    super();
  }

  static create(id: CourseId, details: CourseDetails, now: Date): Course {
    const course = new Course(id, details, 1);
    const data = { courseId: id.value, title: details.title.value, description: details.description.value };
    course.record(CourseCreated.create(id.value, data, now));
    return course;
  }

  static fromPrimitives(p: CoursePrimitives): Course {
    const details = { title: new CourseTitle(p.title), description: new CourseDescription(p.description) };
    return new Course(new CourseId(p.id), details, p.revision);
  }

  get revision(): number {
    return this.currentRevision;
  }

  /** Applies a PUT to an existing course. Returns false, recording nothing, when nothing changes. */
  update(details: CourseDetails, now: Date): boolean {
    const changes: CourseChanges = {};
    if (!details.title.equals(this.details.title)) changes.title = details.title.value;
    if (!details.description.equals(this.details.description)) changes.description = details.description.value;
    if (Object.keys(changes).length === 0) return false;
    this.details = details;
    this.currentRevision += 1;
    this.record(CourseUpdated.create(this.id.value, { courseId: this.id.value, changes }, now));
    return true;
  }

  toPrimitives(): CoursePrimitives {
    return {
      id: this.id.value,
      title: this.details.title.value,
      description: this.details.description.value,
      revision: this.currentRevision,
    };
  }
}
