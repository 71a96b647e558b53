// The web server of the speed benchmark, in a process of its own as `katabox serve` runs: the
// benchmark's clients then do not share its event loop. Prints its URL, and stops when its
// stdin closes. Usage: node dist/bench/api-server.js <runner concurrency>
import { startTestServer } from '../test/api/server.js';

const many = { max: 1_000_000, windowMs: 60_000 };
const concurrency = Number(process.argv[2]);
const server = await startTestServer({ runner: { concurrency, queueLimit: 1000 }, rateLimits: { run: many, submit: many } });
process.stdout.write(`${server.url}\n`);
process.stdin.resume();
process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
