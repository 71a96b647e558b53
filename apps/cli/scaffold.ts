// `katabox new`: a kata folder with every file in place. What only the author can write is left
// as a marked placeholder, and `katabox validate` names each one still there, so a scaffold
// cannot pass as a kata before it has been written.
import fs from 'node:fs';
import path from 'node:path';

/** Marks what `katabox new` wrote for the author to replace. */
export const PLACEHOLDER = 'TODO(katabox new)';

/** A kata needs this many known-wrong solutions to show that its probes catch real mistakes. */
export const MIN_WRONG = 4;

export interface ScaffoldOptions {
  dir: string;
  slug: string;
  title: string;
  track: string;
  order: number;
}

const prompt = (title: string) => `# ${title}

${PLACEHOLDER}: replace this file with the task. Say what the kata practises and why it matters,
explain the few Node APIs it needs in your own words, then give the exact contract the probes
check: methods and paths, status codes, headers and bodies, byte for byte where it matters.

## Your task

…

Your server may listen on port 3000: \`PORT\` is set to \`3000\` in its environment. Any port
works.
`;

const starter = `import { createServer } from 'node:http';

const port = Number(process.env.PORT) || 3000;

const server = createServer((req, res) => {
  // TODO: answer as the task asks.
  res.writeHead(501, { 'Content-Type': 'text/plain' });
  res.end(\`TODO: answer \${req.method} \${req.url}\\n\`);
});

server.listen(port, () => {
  console.log(\`listening on port \${port}\`);
});
`;

const solution = `// ${PLACEHOLDER}: replace this file with the reference solution; it must score 100.
import { createServer } from 'node:http';

const port = Number(process.env.PORT) || 3000;

const server = createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('ok\\n');
});

server.listen(port);
`;

const probes = `// ${PLACEHOLDER}: replace this file with the kata's probes (docs/authoring.md shows how).
import { probe, expect } from 'katabox/probe';

probe('status-200', { name: 'answers with status 200', visibility: 'sample' }, async ({ http, rand }) => {
  const res = await http.get(rand.path());
  expect(res.status, 'status').toBe(200, 'every request should get 200');
});
`;

const wrong = `// @fails: status-200
// @why: ${PLACEHOLDER}: replace this file with known-wrong solutions drawn from real mistakes, at least ${MIN_WRONG}.
import { createServer } from 'node:http';

createServer((_req, res) => {
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('Not Found\\n');
}).listen(Number(process.env.PORT) || 3000);
`;

const debrief = `## Questions

### ${PLACEHOLDER}: a question an interviewer would ask about this kata
A model answer, in a few sentences of our own words.
`;

function meta(o: ScaffoldOptions): Record<string, unknown> {
  return {
    slug: o.slug,
    title: o.title,
    track: o.track,
    order: o.order,
    difficulty: 'easy',
    tags: ['http'],
    minutes: 15,
    version: 1,
    hints: [
      `${PLACEHOLDER}: a gentle nudge towards the idea`,
      `${PLACEHOLDER}: the API or the step that does it`,
      `${PLACEHOLDER}: the exact call, or the detail people miss`,
    ],
  };
}

/** Writes the kata folder; fails if it exists already. */
export function scaffold(o: ScaffoldOptions): void {
  fs.mkdirSync(o.dir); // throws EEXIST rather than overwrite someone's kata
  fs.mkdirSync(path.join(o.dir, 'wrong'));
  const files: Record<string, string> = {
    'kata.json': `${JSON.stringify(meta(o), null, 2)}\n`,
    'prompt.md': prompt(o.title),
    'starter.ts': starter,
    'solution.ts': solution,
    'probes.ts': probes,
    'debrief.md': debrief,
    'wrong/example.ts': wrong,
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(o.dir, name), text);
}

/** What each file must become once its placeholder is gone. */
const todo: Record<string, string> = {
  'kata.json': 'write 2-3 hints, from a gentle nudge to the exact call',
  'prompt.md': 'write the task, the concepts it needs and its exact contract (status codes, headers, bodies)',
  'solution.ts': 'write the reference solution; it must score 100',
  'probes.ts': 'write the probes, each input drawn from rand',
  'debrief.md': 'write the questions an interviewer would ask, each with a model answer',
};

/** Every placeholder of `katabox new` still in the kata folder, and too few wrong solutions. */
export function authoringProblems(dir: string): string[] {
  const problems: string[] = [];
  const holds = (file: string) => fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(PLACEHOLDER);
  for (const [name, what] of Object.entries(todo)) {
    if (holds(path.join(dir, name))) problems.push(`${name} still holds the placeholder of \`katabox new\`: ${what}`);
  }
  const wrongDir = path.join(dir, 'wrong');
  const wrongFiles = fs.existsSync(wrongDir) ? fs.readdirSync(wrongDir).filter((f) => f.endsWith('.ts')) : [];
  for (const f of wrongFiles) {
    if (holds(path.join(wrongDir, f))) problems.push(`wrong/${f} still holds the placeholder of \`katabox new\`: replace it with a solution that makes a real mistake`);
  }
  if (wrongFiles.length < MIN_WRONG) {
    problems.push(`wrong/ holds ${wrongFiles.length} known-wrong solution(s); a kata needs at least ${MIN_WRONG}, each failing the probes its "// @fails:" lines name`);
  }
  return problems;
}
