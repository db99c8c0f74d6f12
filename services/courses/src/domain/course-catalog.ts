/** The read side of the catalog: what GET answers, built from the course and its projections. */
export interface CourseVideoView {
  videoId: string;
  title: string;
  durationSeconds: number;
}

export interface CourseSummary {
  id: string;
  title: string;
  description: string;
  videoCount: number;
  totalDurationSeconds: number;
  studentCount: number;
}

export interface CourseView extends CourseSummary {
  /** In the order they were added to the course. */
  videos: CourseVideoView[];
}

/** Where a page starts: strictly after this (createdAt, id) position, createdAt as stored (microseconds). */
export interface CoursePosition {
  createdAt: string;
  id: string;
}

export interface CoursePage {
  items: CourseSummary[];
  /** The position of the last item when more may follow, else null. */
  next: CoursePosition | null;
}

export interface CourseCatalog {
  find(id: string): Promise<CourseView | null>;
  /** Courses ordered by (createdAt, id), oldest first, so new courses never shift the pages already read. */
  page(query: { after?: CoursePosition; limit: number }): Promise<CoursePage>;
}
