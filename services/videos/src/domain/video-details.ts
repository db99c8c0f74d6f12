import { CourseId } from '@course-platform/shared-kernel';
import { VideoDescription } from './video-description';
import { VideoDuration } from './video-duration';
import { VideoTitle } from './video-title';

/** What a PUT of a video says about it, validated as a whole before anything is decided. */
export interface VideoDetails {
  readonly courseId: CourseId;
  readonly title: VideoTitle;
  readonly description: VideoDescription;
  readonly duration: VideoDuration;
}

export interface VideoDetailsInput {
  courseId: string;
  title: unknown;
  description: unknown;
  durationSeconds: unknown;
}

export function videoDetails(input: VideoDetailsInput): VideoDetails {
  return Object.freeze({
    courseId: new CourseId(input.courseId),
    title: new VideoTitle(input.title),
    description: new VideoDescription(input.description),
    duration: new VideoDuration(input.durationSeconds),
  });
}
