import { randomInt, randomUUID } from 'node:crypto';
import type { SaveVideoCommand } from '../../src/application/save-video';

// Object mothers: valid random data, so each test states only what matters to it.

type VideoCommand = SaveVideoCommand & { title: string; description: string; durationSeconds: number };

export function aVideoCommand(overrides: Partial<SaveVideoCommand> = {}): VideoCommand {
  return {
    videoId: randomUUID(),
    courseId: randomUUID(),
    title: `Video ${randomUUID().slice(0, 8)}`,
    description: `About ${randomUUID()}`,
    durationSeconds: randomInt(1, 10_000),
    ...overrides,
  } as VideoCommand;
}

export function aCommentBody(overrides: Partial<{ authorId: string; content: string }> = {}) {
  return { authorId: randomUUID(), content: `Nice one ${randomUUID().slice(0, 8)}`, ...overrides };
}
