// maildev, the mail catcher of `make start` and `make prod-check`: an SMTP server and a web page (and the
// REST API the demo reads) of the emails it caught.

export interface MailCatcher {
  close(): Promise<void>;
}

export async function startMailCatcher(smtpPort: number, webPort: number): Promise<MailCatcher> {
  // maildev is CommonJS without types; it is only a local convenience.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const MailDev = require('maildev') as new (options: object) => { listen(cb: (e?: Error) => void): void; close(cb: () => void): void };
  const signalsBefore = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);
  const maildev = new MailDev({ smtp: smtpPort, web: webPort, ip: '127.0.0.1', silent: true });
  // maildev exits the process on SIGINT/SIGTERM by itself; its owner stops what it runs first, then closes it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) if (!signalsBefore.has(listener)) process.off(signal, listener);
  }
  await new Promise<void>((resolve, reject) => maildev.listen((error) => (error ? reject(error) : resolve())));
  return { close: () => new Promise<void>((resolve) => maildev.close(resolve)) };
}
