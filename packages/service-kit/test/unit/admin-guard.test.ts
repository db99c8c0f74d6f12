import type { Request, Response } from 'express';
import { adminGuard, isLoopback } from '../../src';

/** Runs the guard on a request from `address` and says whether it let it through or which status it sent. */
function decide(token: string | undefined, address: string, header?: string): 'next' | number {
  let outcome: 'next' | number = 'next';
  const req = { socket: { remoteAddress: address }, header: () => header } as unknown as Request;
  const res = {
    status(code: number) {
      outcome = code;
      return this;
    },
    type() {
      return this;
    },
    send() {
      return this;
    },
  } as unknown as Response;
  adminGuard(token)(req, res, () => undefined);
  return outcome;
}

test('loopback is 127.0.0.0/8 and ::1, in IPv4 or IPv4-mapped form, nothing else', () => {
  expect(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
  expect(['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.5', '2001:db8::1', '1127.0.0.1'].some(isLoopback)).toBe(false);
  expect(isLoopback(undefined)).toBe(false);
});

test('without a configured token the admin endpoints answer on loopback only', () => {
  expect(decide(undefined, '127.0.0.1')).toBe('next');
  expect(decide(undefined, '10.0.0.5')).toBe(403);
  expect(decide(undefined, '10.0.0.5', 'anything')).toBe(403);
});

test('with a configured token only the exact token passes, from anywhere', () => {
  const token = 'the-admin-token-0123456789';
  expect(decide(token, '10.0.0.5', token)).toBe('next');
  expect(decide(token, '127.0.0.1')).toBe(401);
  expect(decide(token, '127.0.0.1', `${token}x`)).toBe(401);
  expect(decide(token, '127.0.0.1', 'the-admin-token-012345678X')).toBe(401);
});
