import type { User } from './user';

export interface UserRepository {
  find(id: string): Promise<User | null>;
  /**
   * Stores a new user with its pulled events. Resolves false, storing nothing, when a user with this id
   * exists already (a concurrent registration won). Throws UsernameTakenError when another user has the username.
   */
  add(user: User): Promise<boolean>;
  /** Stores the new details of an existing user. Throws UsernameTakenError when another user has the username. */
  update(user: User): Promise<void>;
}
