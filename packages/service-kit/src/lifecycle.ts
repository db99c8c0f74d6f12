import type { Logger } from 'pino';
import { ConfigError } from './config';
import { flushTraces } from './trace-context';

export interface StopStep {
  name: string;
  stop(): Promise<void>;
}

/** Runs stop steps one after another; a failing step is logged and the rest still run. */
export async function stopInOrder(steps: StopStep[], logger: Logger): Promise<void> {
  for (const step of steps) {
    try {
      await step.stop();
      logger.debug({ step: step.name }, 'stopped');
    } catch (error) {
      logger.error({ err: error, step: step.name }, 'stop step failed');
    }
  }
}

export interface RunningService {
  stop(): Promise<void>;
}

/**
 * The process entry point of a service: start it, stop it gracefully on SIGTERM/SIGINT within a deadline,
 * and turn a configuration error into one clear line and exit code 1.
 */
export async function runService(
  start: () => Promise<RunningService & { logger: Logger; shutdownTimeoutMs: number }>,
): Promise<void> {
  let service: Awaited<ReturnType<typeof start>>;
  try {
    service = await start();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    }
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    service.logger.info({ signal }, 'stopping');
    const deadline = setTimeout(() => {
      service.logger.error({ timeoutMs: service.shutdownTimeoutMs }, 'graceful stop timed out');
      process.exit(1);
    }, service.shutdownTimeoutMs);
    deadline.unref();
    // The spans of the last requests and messages are sent before exiting, not dropped with the process.
    service.stop().then(flushTraces).then(
      () => {
        service.logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        service.logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
