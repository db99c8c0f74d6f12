import { AggregateRoot, Uuid, VideoCreated, VideoDeleted, type EventOf } from '../../src';

type VideoEvent = EventOf<typeof VideoCreated> | EventOf<typeof VideoDeleted>;

class Video extends AggregateRoot<VideoEvent> {
  readonly id = Uuid.random();
  private readonly courseId = Uuid.random();

  create(): void {
    this.record(
      VideoCreated.create(this.id, { videoId: this.id, courseId: this.courseId, title: 'Intro', description: '', durationSeconds: 60, revision: 1 }),
    );
  }

  delete(): void {
    this.record(VideoDeleted.create(this.id, { videoId: this.id, courseId: this.courseId, revision: 2 }));
  }
}

describe('AggregateRoot', () => {
  it('hands out the recorded events in order, once', () => {
    const video = new Video();
    video.create();
    video.delete();
    expect(video.pullDomainEvents().map((event) => event.type)).toEqual(['videos.created', 'videos.deleted']);
    expect(video.pullDomainEvents()).toEqual([]);
  });

  it('does not change events already pulled when it records more', () => {
    const video = new Video();
    video.create();
    const pulled = video.pullDomainEvents();
    video.delete();
    expect(pulled).toHaveLength(1);
    expect(video.pullDomainEvents().map((event) => event.type)).toEqual(['videos.deleted']);
  });

  it('starts with nothing recorded', () => {
    expect(new Video().pullDomainEvents()).toEqual([]);
  });
});
