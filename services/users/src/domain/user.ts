import { AggregateRoot, UserId, UserRegistered, type EventOf } from '@course-platform/shared-kernel';
import { Email } from './email';
import { UserName } from './user-name';
import { Username } from './username';

export interface UserDetails {
  name: string;
  username: string;
  email: string;
}

/** A student of the platform. */
export class User extends AggregateRoot<EventOf<typeof UserRegistered>> {
  private constructor(
    readonly id: UserId,
    private nameValue: UserName,
    private usernameValue: Username,
    private emailValue: Email,
  ) {
    super();
  }

  static register(id: string, details: UserDetails): User {
    const user = User.restore(id, details);
    user.record(UserRegistered.create(user.id.value, { userId: user.id.value, ...user.details() }));
    return user;
  }

  /** Rebuilds a stored user: no event, it happened long ago. */
  static restore(id: string, details: UserDetails): User {
    return new User(new UserId(id), new UserName(details.name), new Username(details.username), new Email(details.email));
  }

  get name(): string {
    return this.nameValue.value;
  }

  get username(): string {
    return this.usernameValue.value;
  }

  get email(): string {
    return this.emailValue.value;
  }

  details(): UserDetails {
    return { name: this.name, username: this.username, email: this.email };
  }

  /**
   * Applies new details and tells whether anything changed. No event: there is no `users.updated`
   * contract, and no other service keeps a copy of a student's details yet.
   */
  changeDetails(details: UserDetails): boolean {
    const name = new UserName(details.name);
    const username = new Username(details.username);
    const email = new Email(details.email);
    const changed = !name.equals(this.nameValue) || !username.equals(this.usernameValue) || !email.equals(this.emailValue);
    this.nameValue = name;
    this.usernameValue = username;
    this.emailValue = email;
    return changed;
  }
}
