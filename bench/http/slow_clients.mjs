// Connections that hold a server slot without doing useful work, for
// bench/http/run.sh: half sit idle (connected, nothing sent), half trickle a
// request one byte a second. A connection the server closes is opened again,
// so the pressure lasts the whole run. Prints one JSON line at the end.
//   node slow_clients.mjs HOST PORT CONNECTIONS SECONDS
import net from 'node:net';

const [host, port, total, seconds] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]),
  Number(process.argv[5])];
const request = `GET /api/v1/health HTTP/1.1\r\nHost: ${host}\r\nX-Padding: ${'x'.repeat(200)}\r\n\r\n`;
const stats = { idle: 0, trickle: 0, opened: 0, closed_by_server: 0, errors: 0, trickled_bytes: 0 };
let stopping = false;
const sockets = new Set();

function open(trickle) {
  if (stopping) return;
  const s = net.connect({ host, port });
  let sent = 0;
  let timer = null;
  sockets.add(s);
  stats.opened++;
  s.on('connect', () => {
    if (!trickle) return;
    timer = setInterval(() => {
      if (sent < request.length) { s.write(request[sent++]); stats.trickled_bytes++; }
    }, 1000);
  });
  s.on('data', () => {});
  s.on('error', () => { stats.errors++; });
  s.on('close', () => {
    clearInterval(timer);
    sockets.delete(s);
    if (!stopping) { stats.closed_by_server++; setTimeout(() => open(trickle), 100); }
  });
}

for (let k = 0; k < total; k++) {
  if (k % 2) { stats.trickle++; open(true); } else { stats.idle++; open(false); }
}
setTimeout(() => {
  stopping = true;
  for (const s of sockets) s.destroy();
  console.log(JSON.stringify(stats));
}, seconds * 1000);
