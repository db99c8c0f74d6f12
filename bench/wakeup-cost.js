/* global __filename, Buffer, setTimeout */
// `node bench/wakeup-cost.js`: the CPU one small loopback round trip costs a Node process, back to back and
// with the process idle between round trips (1, 5, 20 ms). A client sends 100 bytes over TCP (Nagle off) to
// an echo server in another process and waits for them back; CPU is the client's (user + system) per round
// trip. Every hop of the platform (HTTP, pg, AMQP, SMTP) is such a round trip: at a steady rate each one
// wakes an idle process, and this is what a wakeup costs on the machine that runs it (bench/README.md,
// "Why a video costs more at a steady rate").
const { fork } = require('node:child_process');
const net = require('node:net');

const GAPS_MS = [0, 1, 5, 20];

function echo() {
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('data', (data) => socket.write(data));
  });
  server.listen(0, '127.0.0.1', () => process.send(server.address().port));
}

/** Round trips with `gapMs` of idleness before each; resolves with the client's CPU µs per round trip. */
function measure(port, gapMs) {
  const count = gapMs === 0 ? 20_000 : Math.max(200, Math.round(4_000 / gapMs));
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.setNoDelay(true);
      const payload = Buffer.alloc(100, 97);
      const send = () => socket.write(payload);
      let done = 0;
      let started = null;
      socket.on('data', () => {
        done += 1;
        // The first 100 warm the path up; the rest are counted.
        if (done === 100) started = process.cpuUsage();
        if (done === 100 + count) {
          const { user, system } = process.cpuUsage(started);
          socket.destroy();
          resolve({ total: (user + system) / count, system: system / count });
          return;
        }
        if (gapMs > 0) setTimeout(send, gapMs);
        else send();
      });
      send();
    });
  });
}

async function main() {
  const server = fork(__filename, ['echo']);
  const port = await new Promise((resolve) => server.once('message', resolve));
  console.log('idle between round trips  CPU per round trip (client)  of which system');
  for (const gap of GAPS_MS) {
    const { total, system } = await measure(port, gap);
    console.log(`${`${gap} ms`.padEnd(25)}  ${`${total.toFixed(0)} µs`.padEnd(28)}  ${system.toFixed(0)} µs`);
  }
  server.kill();
}

if (process.argv[2] === 'echo') echo();
else void main();
