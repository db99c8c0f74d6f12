import { InvalidArgumentError } from '@course-platform/shared-kernel';
import { CommentContent } from '../../src/domain/comment-content';
import { CommentId } from '../../src/domain/comment-id';
import { VideoDescription } from '../../src/domain/video-description';
import { VideoDuration } from '../../src/domain/video-duration';
import { VideoTitle } from '../../src/domain/video-title';

function rejection(make: () => unknown): InvalidArgumentError {
  try {
    make();
  } catch (error) {
    if (error instanceof InvalidArgumentError) return error;
    throw error;
  }
  throw new Error('expected an InvalidArgumentError');
}

describe('VideoTitle', () => {
  it('trims surrounding white space', () => {
    expect(new VideoTitle('  Intro to DDD \n').value).toBe('Intro to DDD');
  });

  it('accepts 1 to 200 characters, counted in code points', () => {
    expect(new VideoTitle('a').value).toBe('a');
    expect(new VideoTitle('a'.repeat(200)).value).toHaveLength(200);
    expect(new VideoTitle('🎬'.repeat(200)).value).toBe('🎬'.repeat(200));
  });

  it.each([['', 'empty'], ['   ', 'blank'], ['a'.repeat(201), 'too long'], [42, 'not a string'], [null, 'null']])(
    'rejects %j (%s), naming the field',
    (value, _reason) => {
      const error = rejection(() => new VideoTitle(value));
      expect(error.field).toBe('title');
      expect(error.code).toBe('INVALID_ARGUMENT');
    },
  );

  it('is equal by value', () => {
    expect(new VideoTitle('x ').equals(new VideoTitle(' x'))).toBe(true);
    expect(new VideoTitle('x').equals(new VideoTitle('y'))).toBe(false);
  });
});

describe('VideoDescription', () => {
  it('may be empty and keeps white space as written', () => {
    expect(new VideoDescription('').value).toBe('');
    expect(new VideoDescription('  indented\n').value).toBe('  indented\n');
  });

  it('accepts up to 5,000 characters and no more', () => {
    expect(new VideoDescription('d'.repeat(5000)).value).toHaveLength(5000);
    expect(rejection(() => new VideoDescription('d'.repeat(5001))).field).toBe('description');
  });

  it('rejects a non-string', () => {
    expect(rejection(() => new VideoDescription(undefined)).field).toBe('description');
  });
});

describe('VideoDuration', () => {
  it('accepts whole seconds from one to a day', () => {
    expect(new VideoDuration(1).value).toBe(1);
    expect(new VideoDuration(86_400).value).toBe(86_400);
  });

  it.each([0, -1, 1.5, 86_401, 10 ** 12, 1e308, Number.NaN, Number.POSITIVE_INFINITY, '60', null])('rejects %p', (value) => {
    expect(rejection(() => new VideoDuration(value)).field).toBe('durationSeconds');
  });
});

describe('CommentContent', () => {
  it('keeps the text as written, from 1 to 2,000 characters', () => {
    expect(new CommentContent(' great video ').value).toBe(' great video ');
    expect(new CommentContent('c'.repeat(2000)).value).toHaveLength(2000);
  });

  it.each([['', 'empty'], [' \n\t', 'blank'], ['c'.repeat(2001), 'too long'], [7, 'not a string']])('rejects %j (%s)', (value, _reason) => {
    expect(rejection(() => new CommentContent(value)).field).toBe('content');
  });
});

describe('CommentId', () => {
  it('is a UUID, normalised to lower case', () => {
    expect(new CommentId('7F0C2A9E-5B1D-4C3A-9E8F-1A2B3C4D5E6F').value).toBe('7f0c2a9e-5b1d-4c3a-9e8f-1a2b3c4d5e6f');
  });

  it('rejects anything else, naming the field', () => {
    expect(rejection(() => new CommentId('not-a-uuid')).field).toBe('commentId');
  });
});
