// RabbitMQ's rabbit_password_hashing_sha256 format, for the users in definitions.json:
// base64(salt ++ sha256(salt ++ password)) with a 4-byte salt.
// Usage: pnpm --filter @course-platform/infra hash-password <password>
import { createHash, randomBytes } from 'node:crypto';

export function hashPassword(password: string, salt: Buffer = randomBytes(4)): string {
  const digest = createHash('sha256').update(Buffer.concat([salt, Buffer.from(password, 'utf8')])).digest();
  return Buffer.concat([salt, digest]).toString('base64');
}

export function matchesPassword(passwordHash: string, password: string): boolean {
  const salt = Buffer.from(passwordHash, 'base64').subarray(0, 4);
  return hashPassword(password, salt) === passwordHash;
}

if (require.main === module) {
  const password = process.argv[2];
  if (!password) {
    process.stderr.write('usage: hash-password <password>\n');
    process.exit(2);
  }
  process.stdout.write(`${hashPassword(password)}\n`);
}
