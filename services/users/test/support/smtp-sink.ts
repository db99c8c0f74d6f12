// The users tests' SMTP server: service-kit's sink, the one the fault suite and the bench count mail on too,
// with the free port an outage test starts it on later.
import { testing } from '@course-platform/service-kit';

export type SmtpSink = testing.SmtpSink;
export const SmtpSink = { start: (port?: number) => testing.SmtpSink.start(port), freePort: testing.freePort };
