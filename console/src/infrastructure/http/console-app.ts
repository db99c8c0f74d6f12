// The console's web app: server-rendered pages, the fragments the pages refresh, and the three dead-letter
// actions, which need the admin token in a header (a cross-site form cannot set one).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_TOKEN_HEADER, problem, sendProblem, tokenMatches, type Logger } from '@course-platform/service-kit';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { DeadLetterActions, UnknownHandlerQueue } from '../../application/dead-letter-actions';
import type { FollowEvent } from '../../application/follow-event';
import type { AuditLog, DeadLetterStore, ServiceDirectory } from '../../application/ports';
import type { ReadOverview } from '../../application/read-overview';
import type { PlatformMap } from '../../domain/platform-map';
import { redactedText } from '../../domain/redacted-url';
import { auditBody } from './pages/audit-page';
import { deadLettersBody } from './pages/dead-letters-page';
import { journeyBody, searchBody } from './pages/journey-page';
import { layout, type PageContext } from './pages/layout';
import { overviewBody, overviewFragment } from './pages/overview-page';
import { topologyBody, topologyFragment } from './pages/topology-page';

export interface ConsoleAppOptions {
  map: PlatformMap;
  exchange: string;
  readOverview: ReadOverview;
  followEvent: FollowEvent;
  directory: ServiceDirectory;
  deadLetters: DeadLetterStore;
  audit: AuditLog;
  adminToken: string | undefined;
  /** A trace viewer's URL with {traceId} in it; unset, the journey shows the id alone. */
  traceUrl?: string;
  logger: Logger;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEARCH = /^[\w.:-]{1,128}$/;
const assets = join(__dirname, 'assets');
const asset = (name: string) => readFileSync(join(assets, name), 'utf8');

type Handler = (req: Request, res: Response) => Promise<void>;
const safely = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => handler(req, res).catch(next);

export function createConsoleApp(options: ConsoleAppOptions): Express {
  const { map, adminToken } = options;
  const actions = new DeadLetterActions(options.deadLetters, options.audit, (queue) => map.isHandlerQueue(queue));
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Nothing from another origin: scripts, styles and fetches are the console's own.
  app.use(helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'] } } }));
  const script = asset('console.js');
  const style = asset('console.css');
  app.get('/assets/console.js', (_req, res) => void res.type('text/javascript').send(script));
  app.get('/assets/console.css', (_req, res) => void res.type('text/css').send(style));
  app.get('/health', (_req, res) => void res.json({ status: 'up', service: 'console' }));
  // Ready as soon as it listens: a service or the broker being down is what the console is there to show.
  app.get('/ready', (_req, res) => void res.json({ status: 'ready' }));

  const context = (req: Request): PageContext => ({
    actionsEnabled: adminToken !== undefined,
    notice: typeof req.query.done === 'string' ? req.query.done.slice(0, 300) : undefined,
  });
  const page = (res: Response, body: string) => void res.type('text/html').send(body);

  app.get('/', safely(async (req, res) => page(res, layout('Overview', '/', context(req), overviewBody(await options.readOverview.execute())).text)));
  app.get('/fragments/overview', safely(async (_req, res) => page(res, overviewFragment(await options.readOverview.execute()).text)));
  const topology = async () => topologyFragment(map, await options.readOverview.execute(), options.exchange);
  app.get('/topology', safely(async (req, res) => page(res, layout('Topology', '/topology', context(req), topologyBody(await topology())).text)));
  app.get('/fragments/topology', safely(async (_req, res) => page(res, (await topology()).text)));

  app.get(
    '/dead-letters',
    safely(async (req, res) => {
      const queues = await Promise.all(
        map.handlerQueues.map(async ({ queue }) => {
          try {
            const { count, messages } = await options.deadLetters.list(queue);
            return { queue, count, messages, problem: null };
          } catch (error) {
            return { queue, count: 0, messages: [], problem: redactedText(error instanceof Error ? error.message : String(error)) };
          }
        }),
      );
      // The queues with dead letters first, in the order of the topology otherwise.
      const worstFirst = [...queues].sort((a, b) => Number(b.count > 0) - Number(a.count > 0));
      page(res, layout('Dead letters', '/dead-letters', context(req), deadLettersBody(worstFirst)).text);
    }),
  );

  app.get(
    '/events',
    safely(async (req, res) => {
      const term = typeof req.query.q === 'string' ? req.query.q.trim() : '';
      if (term && !SEARCH.test(term)) {
        return page(res.status(400), layout('Event journey', '/events', context(req), searchBody(term, [], 'invalid')).text);
      }
      const found = term ? await options.directory.search(term) : [];
      // An event id that is an event's own goes straight to its journey.
      const exact = found.find((event) => event.eventId === term);
      if (exact && UUID.test(term)) return res.redirect(303, `/events/${term}`);
      page(res, layout('Event journey', '/events', context(req), searchBody(term || undefined, found)).text);
    }),
  );
  app.get(
    '/events/:id',
    safely(async (req, res) => {
      const id = String(req.params.id);
      if (!UUID.test(id)) return void res.redirect(303, `/events?q=${encodeURIComponent(id)}`);
      const journey = await options.followEvent.execute(id);
      page(res, layout(`Event ${id}`, '/events', context(req), journeyBody(journey, options.traceUrl)).text);
    }),
  );
  app.get('/audit', safely(async (req, res) => page(res, layout('Audit log', '/audit', context(req), auditBody(await options.audit.newestFirst(200))).text)));

  // The actions: only with the console's token, sent as a header.
  const guarded = (act: (req: Request, from: string) => Promise<string>) =>
    safely(async (req, res) => {
      if (adminToken === undefined) return sendProblem(res, problem(403, 'CONSOLE_READ_ONLY', 'no ADMIN_TOKEN is configured for the console: it is read-only'));
      if (!tokenMatches(req.header(ADMIN_TOKEN_HEADER), adminToken)) {
        return sendProblem(res, problem(401, 'ADMIN_TOKEN_REQUIRED', `send the admin token in the ${ADMIN_TOKEN_HEADER} header`));
      }
      const from = `${req.ip ?? 'unknown'} (${(req.header('user-agent') ?? 'no user agent').slice(0, 120)})`;
      const message = await act(req, from);
      res.json({ message });
    });
  const queueOf = (req: Request) => String(req.params.queue);
  const idOf = (req: Request) => String(req.params.eventId);
  app.post(
    '/api/dead-letters/:queue/retry-all',
    guarded(async (req, from) => `${await actions.retryAll(queueOf(req), from)} message(s) sent back to ${queueOf(req)}`),
  );
  app.post(
    '/api/dead-letters/:queue/:eventId/retry',
    guarded(async (req, from) => ((await actions.retryOne(queueOf(req), idOf(req), from)) ? `${idOf(req)} sent back to ${queueOf(req)}` : `${idOf(req)} is no longer there`)),
  );
  app.post(
    '/api/dead-letters/:queue/:eventId/discard',
    guarded(async (req, from) => ((await actions.discardOne(queueOf(req), idOf(req), from)) ? `${idOf(req)} discarded` : `${idOf(req)} is no longer there`)),
  );

  app.use((_req, res) => sendProblem(res, problem(404, 'ROUTE_NOT_FOUND', 'no such page')));
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof UnknownHandlerQueue) return sendProblem(res, problem(404, error.code, error.message));
    options.logger.error({ err: error, path: req.path }, 'console request failed');
    sendProblem(res, problem(503, 'DEPENDENCY_UNAVAILABLE', redactedText(error instanceof Error ? error.message : String(error))));
  });
  return app;
}
