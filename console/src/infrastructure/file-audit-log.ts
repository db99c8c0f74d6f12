import { appendFile, readFile } from 'node:fs/promises';
import type { Logger } from '@course-platform/service-kit';
import type { AuditEntry, AuditLog } from '../application/ports';

/**
 * One JSON line per action in a file the console appends to, and the same line in its log: the console owns
 * no database, and an audit trail must outlive a restart.
 */
export class FileAuditLog implements AuditLog {
  constructor(
    private readonly path: string,
    private readonly logger: Logger,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    this.logger.info({ audit: entry }, `audit: ${entry.action} on ${entry.queue}`);
    await appendFile(this.path, `${JSON.stringify(entry)}\n`);
  }

  async newestFirst(limit: number): Promise<AuditEntry[]> {
    const text = await readFile(this.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as AuditEntry)
      .reverse()
      .slice(0, limit);
  }
}
