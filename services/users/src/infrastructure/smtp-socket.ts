import { connect, type Socket } from 'node:net';

type SocketCallback = (error: Error | null, socketOptions?: { connection: Socket }) => void;

/**
 * nodemailer's `getSocket` hook: each pooled connection's TCP socket, opened with Nagle's algorithm off.
 * nodemailer writes a mail in several writes (the message, then the final dot); with Nagle's algorithm the
 * last one waited for the server's delayed ACK of the first, about 40 ms on Linux, which held each pooled
 * connection to some 20 mails/s whatever the CPU. Within `timeoutMs` or an error, as nodemailer's own connect.
 */
export function connectWithoutDelay(host: string, port: number, timeoutMs: number) {
  return (_options: unknown, callback: SocketCallback): void => {
    const socket = connect({ host, port, noDelay: true, keepAlive: true });
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      callback(error);
    };
    const timer = setTimeout(() => fail(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })), timeoutMs);
    socket.once('error', fail);
    // nodemailer adds its own error handler to the connection as soon as it gets it, in this same tick.
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', fail);
      callback(null, { connection: socket });
    });
  };
}
