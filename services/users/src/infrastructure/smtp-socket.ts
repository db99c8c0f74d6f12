import { connect, type Socket } from 'node:net';

type SocketCallback = (error: null, socketOptions: { connection: Socket }) => void;

/**
 * nodemailer's `getSocket` hook: each pooled connection's TCP socket, opened with Nagle's algorithm off.
 * nodemailer writes a mail in several writes (the message, then the final dot); with Nagle's algorithm the
 * last one waited for the server's delayed ACK of the first, about 40 ms on Linux, which held each pooled
 * connection to some 20 mails/s whatever the CPU.
 *
 * The socket is handed over while it connects, so that a refused or failed connection reaches nodemailer as
 * its own socket's error, which takes the connection out of the pool: an error passed to the callback would
 * fail the mail but leave the pool slot taken for good. nodemailer's connection timeout stops when it gets a
 * socket, so this one applies it.
 */
export function connectWithoutDelay(host: string, port: number, timeoutMs: number) {
  return (_options: unknown, callback: SocketCallback): void => {
    const socket = connect({ host, port, noDelay: true, keepAlive: true });
    const timer = setTimeout(() => socket.destroy(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })), timeoutMs);
    socket.once('connect', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
    callback(null, { connection: socket });
  };
}
