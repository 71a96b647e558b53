// Candidate code for hello-server written for the tests (never the kata's own reference, so
// tests can also prove the reference never leaves the server).
export const helloCorrect = `import http from 'node:http';

// tests: a correct greeting server
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello from raw Node!\\n');
});
server.listen(Number(process.env.PORT) || 3000);
`;

/** Fails the sample probe "body is exactly the greeting" (and the hidden ones that check the body). */
export const helloNoNewline = `import http from 'node:http';

// tests: the greeting without its newline
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello from raw Node!');
});
server.listen(Number(process.env.PORT) || 3000);
`;

export const helloSyntaxError = `import http from 'node:http';
const server = http.createServer((_req, res) => {
  res.end('Hello from raw Node!\\n'
});
server.listen(3000);
`;

/** Runs and passes, but line 3 is a type error the type checker reports. */
export const helloTypeError = `import http from 'node:http';

const port: number = 'three thousand';
http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello from raw Node!\\n');
}).listen(Number(process.env.PORT) || 3000);
void port;
`;

/**
 * A correct server whose types keep TypeScript busy for minutes and gigabytes: each alias
 * expands a 18-element tuple into every binary string, twice per element, eight times over.
 */
export const helloTypeBomb = `import http from 'node:http';

type Bits = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
${[...'ABCDEFGH']
  .map((name) => `type ${name}<T extends unknown[], Acc extends string = ''> = T extends [unknown, ...infer R] ? ${name}<R, \`\${Acc}0\`> | ${name}<R, \`\${Acc}1\`> : Acc;
const ${name.toLowerCase()}: ${name}<Bits> = '${name}';`)
  .join('\n')}

http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello from raw Node!\\n');
}).listen(Number(process.env.PORT) || 3000);
void [a, b, c, d, e, f, g, h];
`;

/** Correct, but each answer takes 250 ms: a submission long enough to watch its probes come in. */
export const helloSlow = `import http from 'node:http';

// tests: a correct greeting server that takes its time
http.createServer((_req, res) => {
  setTimeout(() => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('Hello from raw Node!\\n');
  }, 250);
}).listen(3000);
`;

/** Correct, but as bulky as it may be: all the output it is allowed, and 90 long headers on every answer. */
export const helloVerbose = `import http from 'node:http';

const noise = 'n'.repeat(150);
for (let i = 0; i < 70; i++) {
  console.log('o'.repeat(1000));
  console.error('e'.repeat(1000));
}
http.createServer((_req, res) => {
  for (let i = 0; i < 90; i++) res.setHeader(\`x-noise-\${i}\`, noise);
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello from raw Node!\\n');
}).listen(Number(process.env.PORT) || 3000);
`;

/** Correct, with a function never called that names an undefined variable `count` times: one type error each. */
export const helloManyTypeErrors = (count: number) => `${helloCorrect}
function never(): void {
${'  x;\n'.repeat(count)}}
`;

/** Answers only GET; other methods get 405, so hidden probes about any method fail with details to hide. */
export const helloGetOnly = `import http from 'node:http';
http.createServer((req, res) => {
  if (req.method !== 'GET') { res.writeHead(405, { 'Content-Type': 'text/plain' }); res.end('GET only\\n'); return; }
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello from raw Node!\\n');
}).listen(3000);
`;
