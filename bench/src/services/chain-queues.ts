/** The two handler queues of a new video that B5 and B7 time, on the platform and in B7 raw alike. */
export const COURSES_QUEUE = 'courses.add_video_on_video_created';
export const USERS_QUEUE = 'users.send_email_on_video_created';
