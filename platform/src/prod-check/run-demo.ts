// `make demo`, the README's own, against the services prod-check started.
import { repoRoot } from '../generated-docs';
import type { ChildService } from '../launcher/child-service';
import { shellEnvironment } from './build-images';
import type { Commands } from './commands';

export interface DemoTarget {
  services: ChildService[];
  /** Where the demo watches the events (as guest), and on which exchange. */
  rabbitmqUrl: string;
  exchange: string;
  mailWebPort: number;
}

/** Runs the demo; returns its summary line, or fails unless every step passed. */
export async function runDemo(target: DemoTarget, commands: Commands): Promise<string> {
  const port = (name: string) => String(target.services.find((service) => service.launch.name === name)?.launch.port);
  const env = {
    ...shellEnvironment(),
    VIDEOS_PORT: port('videos'),
    COURSES_PORT: port('courses'),
    USERS_PORT: port('users'),
    RABBITMQ_URL: target.rabbitmqUrl,
    EVENTS_EXCHANGE: target.exchange,
    MAILDEV_WEB_PORT: String(target.mailWebPort),
  };
  const { code, output } = await commands.run('make', ['--no-print-directory', 'demo'], { cwd: repoRoot, env });
  const summary = /^(\d+) passed, (\d+) failed$/m.exec(output);
  if (code !== 0 || !summary || summary[2] !== '0')
    throw new Error(`make demo failed (exit ${code}): ${summary?.[0] ?? 'no summary line'}`);
  return summary[0];
}
