// The gate in front of every service's /admin/* endpoints: the admin token when one is configured, and
// loopback only when none is, so that an operator's view is never open to the network by default.
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { problem, sendProblem } from './problem';

export const ADMIN_PATH = '/admin';
export const ADMIN_TOKEN_HEADER = 'x-admin-token';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export const isLoopback = (address: string | undefined): boolean => address !== undefined && LOOPBACK.test(address);

/** Compares in constant time, so the answer's timing tells nothing about how much of a guess was right. */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function adminGuard(token: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (token === undefined) {
      if (isLoopback(req.socket.remoteAddress)) return next();
      return sendProblem(res, problem(403, 'ADMIN_LOOPBACK_ONLY', 'no ADMIN_TOKEN is configured: the admin endpoints answer on loopback only'));
    }
    const given = req.header(ADMIN_TOKEN_HEADER);
    if (tokenMatches(given, token)) return next();
    sendProblem(res, problem(401, 'ADMIN_TOKEN_REQUIRED', `send the admin token in the ${ADMIN_TOKEN_HEADER} header`));
  };
}
