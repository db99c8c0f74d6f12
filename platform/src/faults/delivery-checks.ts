import { check, count, histogram, type Check, type Figures, type VerdictInput } from './checks';

// The checks of what the platform delivered: videos into course lists, emails, dead letters.

export function videoFigures(input: VerdictInput, figures: Figures, checks: Check[]): void {
  const { load, observations: seen } = input;
  const accepted = new Set(load.accepted);
  const eventsPerVideo = new Map<string, number>();
  for (const { videoId } of seen.produced) eventsPerVideo.set(videoId, (eventsPerVideo.get(videoId) ?? 0) + 1);
  const listed = new Map<string, number>();
  for (const ids of seen.courseLists.values()) for (const id of ids) listed.set(id, (listed.get(id) ?? 0) + 1);
  const producedIds = seen.produced.map((event) => event.eventId);
  const lost = (handled: Set<string>) => count(producedIds, (id) => !handled.has(id));
  // Only the events the outbox holds: a poison message on videos.created is on the tap too.
  const copies = producedIds.map((id) => seen.publishedCopies.get(id) ?? 0);

  figures.push(
    ['videos', 'PUT /videos/:id sent', input.plannedVideos],
    ['videos', 'accepted (200/201, after client retries)', accepted.size],
    ['events', 'videos.created produced (outbox)', producedIds.length],
    ['events', 'left unpublished in the outbox', seen.unpublished],
    ['events', 'published to the exchange (copies)', copies.reduce((sum, n) => sum + n, 0)],
    ['events', 'never seen on the exchange', count(copies, (n) => n === 0)],
    ['events', 'republished copies (absorbed by the inboxes)', copies.reduce((sum, n) => sum + Math.max(0, n - 1), 0)],
    ['events', 'delivered to courses (inbox)', count(producedIds, (id) => seen.handled.courses.has(id))],
    ['events', 'delivered to users (inbox)', count(producedIds, (id) => seen.handled.users.has(id))],
    ['events', 'lost (courses / users)', `${lost(seen.handled.courses)} / ${lost(seen.handled.users)}`],
    ['events', 'duplicated in course lists', count(listed.values(), (n) => n > 1)],
  );
  const wrongEvents = count(accepted, (id) => eventsPerVideo.get(id) !== 1);
  const missing = count(accepted, (id) => !listed.has(id));
  const twice = count(accepted, (id) => (listed.get(id) ?? 0) > 1);
  const strangers = count(listed.keys(), (id) => !accepted.has(id));
  const misplaced = count(seen.courseLists.entries(), ([courseId, ids]) => ids.some((id) => input.load.courseOf.get(id) !== courseId));
  checks.push(
    check('every PUT accepted', accepted.size === input.plannedVideos, `${accepted.size}/${input.plannedVideos}; final statuses ${JSON.stringify(histogram([...load.statuses.values()]))}`),
    check('one videos.created per video, all published', wrongEvents === 0 && seen.unpublished === 0 && producedIds.length === accepted.size, `${wrongEvents} videos without exactly one event, ${seen.unpublished} unpublished`),
    check('every video in its course list exactly once', missing + twice + strangers + misplaced === 0 && seen.courseLists.size === input.courses.length, `${missing} missing, ${twice} twice, ${strangers} unknown, ${misplaced} lists with another course's video`),
  );
}

export function emailFigures(input: VerdictInput, figures: Figures, checks: Check[]): void {
  const { load, observations: seen } = input;
  const studentsOf = new Map(input.courses.map((course) => [course.id, course.students.map((s) => s.email)]));
  // (recipient, video) -> the distinct Message-IDs received, and how many copies.
  const ids = new Map<string, Set<string>>();
  let copies = 0;
  for (const mail of seen.emails) {
    const videoId = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(mail.subject.replace(/\s+/g, ''))?.[0] ?? mail.subject;
    for (const to of mail.to) {
      const key = `${to} ${videoId}`;
      ids.set(key, (ids.get(key) ?? new Set()).add(mail.messageId));
      copies += 1;
    }
  }
  const expected = load.accepted.flatMap((videoId) => (studentsOf.get(load.courseOf.get(videoId) ?? '') ?? []).map((email) => `${email} ${videoId}`));
  const expectedKeys = new Set(expected);
  const missing = count(expected, (key) => !ids.has(key));
  const duplicated = count(expected, (key) => (ids.get(key)?.size ?? 0) > 1);
  const unexpected = count(ids.keys(), (key) => !expectedKeys.has(key));
  const distinct = [...ids.values()].reduce((sum, set) => sum + set.size, 0);
  figures.push(
    ['emails', 'expected (student x video of their course)', expected.length],
    ['emails', 'sent (copies the SMTP sink accepted)', copies],
    ['emails', 'missing', missing],
    ['emails', 'duplicated (a second Message-ID)', duplicated],
    ['emails', 'resent with the same Message-ID', copies - distinct],
    ['emails', 'to anyone not expecting them', unexpected],
    ['emails', 'notification rows sent / queued', `${seen.notifications.sent} / ${seen.notifications.total}`],
  );
  // A copy resent with the same Message-ID is the users service's documented at-least-once delivery (killed
  // between the SMTP server's acceptance and its commit); mailboxes show it once. It is counted, not failed.
  checks.push(
    check('every enrolled student got exactly one email (Message-ID) per video', missing + duplicated + unexpected === 0, `${missing} missing, ${duplicated} duplicated, ${unexpected} unexpected`),
  );
}

export function poisonFigures(input: VerdictInput, figures: Figures, checks: Check[]): void {
  const { poison, observations: seen } = input;
  const poisonIds = new Set(poison.map((message) => message.messageId));
  const expected = poison.flatMap((message) => message.queues.map((queue) => ({ message, queue })));
  const found = count(expected, ({ message, queue }) => seen.deadLetters.some((d) => d.queue === queue && d.messageId === message.messageId && d.reason === message.reason));
  const legitimate = seen.deadLetters.filter((letter) => !poisonIds.has(letter.messageId ?? ''));
  const reasons = histogram(seen.deadLetters.filter((letter) => poisonIds.has(letter.messageId ?? '')).map((letter) => letter.reason));
  figures.push(
    ['poison', 'published', poison.length],
    ['poison', 'dead letters expected (one per bound queue)', expected.length],
    ['poison', 'dead-lettered with the right reason', found],
    ['poison', 'reasons', Object.entries(reasons).map(([reason, n]) => `${reason} ${n}`).join(', ')],
    ['poison', 'legitimate events dead-lettered', legitimate.length],
  );
  checks.push(
    check('poison messages dead-lettered with their reasons', found === expected.length, `${found}/${expected.length}`),
    check('no legitimate event dead-lettered', legitimate.length === 0, legitimate.slice(0, 3).map((l) => `${l.queue} ${l.type} ${l.reason}: ${l.error}`).join('; ') || 'none'),
  );
}
