import { randomUUID } from 'node:crypto';
import {
  CourseCreated,
  CourseUpdated,
  eventCatalog,
  findContract,
  UserEnrolled,
  UserRegistered,
  VideoCommentAdded,
  VideoCreated,
  VideoDeleted,
  VideoUpdated,
  type EventContract,
} from '../../src';

const id = randomUUID();
const other = randomUUID();

interface ContractCase {
  contract: EventContract;
  valid: Record<string, unknown>;
  /** Each entry: why it is invalid, and the payload (built from `valid`) that must be refused. */
  invalid: Array<[string, Record<string, unknown>]>;
}

function without(payload: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...payload };
  delete copy[key];
  return copy;
}

const video = { videoId: id, courseId: other, title: 'Intro', description: 'What we will learn', durationSeconds: 90, revision: 1 };
const comment = { commentId: randomUUID(), videoId: id, authorId: other, content: 'Nice one' };
const course = { courseId: id, title: 'TypeScript', description: '' };
const user = { userId: id, name: 'Ada Lovelace', username: 'ada.l', email: 'ada@example.com' };
const enrolment = { userId: id, courseId: other, enrolledAt: '2025-01-02T03:04:05.000Z' };

const cases: ContractCase[] = [
  {
    contract: VideoCreated,
    valid: video,
    invalid: [
      ['a videoId that is no uuid', { ...video, videoId: 'v-1' }],
      ['no courseId', without(video, 'courseId')],
      ['an empty title', { ...video, title: '' }],
      ['a title of 201 characters', { ...video, title: 'x'.repeat(201) }],
      ['a description of 5001 characters', { ...video, description: 'x'.repeat(5001) }],
      ['a duration of 0', { ...video, durationSeconds: 0 }],
      ['a fractional duration', { ...video, durationSeconds: 1.5 }],
      ['a revision of 0', { ...video, revision: 0 }],
      ['a title that is no string', { ...video, title: 7 }],
    ],
  },
  {
    contract: VideoUpdated,
    valid: { videoId: id, courseId: other, revision: 2, changes: { title: 'Better intro' } },
    invalid: [
      ['no change', { videoId: id, courseId: other, revision: 2, changes: {} }],
      ['an empty new title', { videoId: id, courseId: other, revision: 2, changes: { title: '' } }],
      ['no revision', { videoId: id, courseId: other, changes: { durationSeconds: 3 } }],
      ['no changes object', { videoId: id, courseId: other, revision: 2 }],
    ],
  },
  {
    contract: VideoDeleted,
    valid: { videoId: id, courseId: other, revision: 3 },
    invalid: [
      ['a negative revision', { videoId: id, courseId: other, revision: -1 }],
      ['a videoId that is no uuid', { videoId: '1', courseId: other, revision: 3 }],
    ],
  },
  {
    contract: VideoCommentAdded,
    valid: comment,
    invalid: [
      ['empty content', { ...comment, content: '' }],
      ['content of 2001 characters', { ...comment, content: 'x'.repeat(2001) }],
      ['no authorId', without(comment, 'authorId')],
    ],
  },
  {
    contract: CourseCreated,
    valid: course,
    invalid: [
      ['an empty title', { ...course, title: '' }],
      ['a courseId that is no uuid', { ...course, courseId: 'c-1' }],
      ['no description', without(course, 'description')],
    ],
  },
  {
    contract: CourseUpdated,
    valid: { courseId: id, changes: { description: 'Now with generics' } },
    invalid: [
      ['no change', { courseId: id, changes: {} }],
      ['a title of 201 characters', { courseId: id, changes: { title: 'x'.repeat(201) } }],
    ],
  },
  {
    contract: UserRegistered,
    valid: user,
    invalid: [
      ['an invalid email', { ...user, email: 'ada-at-example.com' }],
      ['an upper case username', { ...user, username: 'Ada' }],
      ['a username of 2 characters', { ...user, username: 'ad' }],
      ['an empty name', { ...user, name: '' }],
    ],
  },
  {
    contract: UserEnrolled,
    valid: enrolment,
    invalid: [
      ['a date that is no ISO date-time', { ...enrolment, enrolledAt: 'yesterday' }],
      ['a date with an offset instead of UTC', { ...enrolment, enrolledAt: '2025-01-02T05:04:05+02:00' }],
      ['no courseId', without(enrolment, 'courseId')],
    ],
  },
];

describe('event catalog', () => {
  it('holds every contract above, each name@version once', () => {
    const keys = eventCatalog.map((contract) => `${contract.name}@${contract.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(cases.map(({ contract }) => `${contract.name}@${contract.version}`).sort());
  });

  it.each(eventCatalog.map((contract) => [contract.name, contract] as const))(
    '%s is named <context>.<past_tense> and produced by its context',
    (name, contract) => {
      expect(name).toMatch(/^(videos|courses|users)\.[a-z_]+$/);
      expect(contract.producer).toBe(name.split('.')[0]);
      expect(findContract(name, contract.version)).toBe(contract);
    },
  );

  it('finds no contract for an unknown version', () => {
    expect(findContract('videos.created', 99)).toBeUndefined();
  });
});

describe.each(cases.map((c) => [c.contract.name, c] as const))('%s', (_name, { contract, valid, invalid }) => {
  it('creates a domain event from a valid payload', () => {
    const at = new Date('2025-03-04T05:06:07.000Z');
    const event = contract.create(id, valid, at);
    expect(event).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: contract.name,
      version: contract.version,
      occurredOn: '2025-03-04T05:06:07.000Z',
      aggregateId: id,
      data: valid,
    });
  });

  it('gives every event its own id', () => {
    expect(contract.create(id, valid).id).not.toBe(contract.create(id, valid).id);
  });

  it.each(invalid)('refuses %s', (_why, payload) => {
    expect(() => contract.create(id, payload)).toThrow();
    expect(contract.schema.safeParse(payload).success).toBe(false);
  });
});

test('an update whose changes are all undefined is refused: it would serialise to an empty change', () => {
  const videoId = '6f1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8';
  const courseId = '7f1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8';
  expect(() => VideoUpdated.create(videoId, { videoId, courseId, revision: 2, changes: { title: undefined } })).toThrow('at least one field changes');
  expect(() => CourseUpdated.create(courseId, { courseId, changes: { description: undefined } })).toThrow('at least one field changes');
});
