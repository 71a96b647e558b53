// `katabox`: list the katas, check a solution against one, start a new one, validate them all, inspect the host.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultKatasDir, installedBundles, loadCatalog, RunPool, TypeChecker, type Kata, type RunResult } from '../../sandbox/index.js';
import { db, dbUsage } from './db.js';
import { doctor } from './doctor.js';
import { dim, formatDiagnostic, formatLogs, formatVerdict, red } from './report.js';
import { authoringProblems, scaffold } from './scaffold.js';
import { UsageError } from './usage-error.js';
import { user, userUsage } from './users.js';
import { reportUnwritten, validate } from './validate.js';

const usage = `Usage: katabox <command>

  list [--json]                         the katas, with difficulty and tags
  check <kata> <file.ts> [--json] [--sample] [--seed N]
                                        run the kata's probes against your solution
                                        (--sample: only the sample probes; --seed: replay a run)
  new <slug> [--track T] [--title "..."]
                                        start a kata folder (KATABOX_KATAS, default katas/);
                                        validate names what is left to write in it
  validate [kata] [--record]            prove each kata: reference scores 100, starter does not,
                                        every wrong/ solution fails exactly the probes it names,
                                        probes unchanged since their version was released
                                        (--record: write a new version's hash to versions.json)
  doctor                                which isolation layers this host offers
  serve [--port N] [--host ADDR] [--db FILE|URL] [--queue redis://…] [--allow-weak-isolation]
                                        start the web app (PORT, KATABOX_HOST, KATABOX_DB):
                                        a SQLite file (default katabox.db) or postgres://…;
                                        KATABOX_QUEUE: runs go to runner workers on that queue
  runner --queue redis://… [--db FILE|URL] [--concurrency N] [--allow-weak-isolation]
                                        a worker taking runs from the queue (KATABOX_QUEUE,
                                        KATABOX_DB, KATABOX_CONCURRENCY; default: one per core)
${userUsage}
${dbUsage}

Exit status: 0 all good, 1 a failing verdict or check, 2 a usage error.`;

function findKata(slug: string | undefined): Kata {
  const { katas } = loadCatalog();
  const kata = katas.find((k) => k.meta.slug === slug);
  if (!kata) {
    const known = katas.map((k) => k.meta.slug).join(', ');
    throw new UsageError(`${slug ? `unknown kata "${slug}"` : 'name a kata'}; known katas: ${known || '(none)'}`);
  }
  return kata;
}

function list(args: string[]): number {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const { katas, broken } = loadCatalog();
  if (values.json) {
    console.log(JSON.stringify(katas.map((k) => k.meta), null, 2));
  } else {
    const width = Math.max(...katas.map((k) => k.meta.slug.length), 4);
    for (const { meta } of katas) {
      console.log(`${meta.slug.padEnd(width)}  ${meta.difficulty.padEnd(6)}  ${String(meta.minutes).padStart(3)} min  ${meta.title}  ${dim(meta.tags.join(', '))}`);
    }
  }
  for (const err of broken) console.error(err.message);
  return broken.length > 0 ? 1 : 0;
}

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function newKata(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { track: { type: 'string' }, title: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('new takes one slug: katabox new <slug> [--track T] [--title "..."]');
  const slug = positionals[0]!;
  if (!slugPattern.test(slug)) throw new UsageError(`"${slug}" is not a kata slug: lowercase words joined by dashes, e.g. "read-headers"`);
  const root = defaultKatasDir();
  const { tracks, katas } = loadCatalog(root);
  const names = tracks.map((t) => t.slug).join(', ') || '(none: tracks.json lists none)';
  const track = values.track ?? tracks[0]?.slug;
  if (track === undefined || !tracks.some((t) => t.slug === track)) throw new UsageError(`${track ? `unknown track "${track}"` : 'no track to put the kata in'}; tracks: ${names}`);
  const dir = path.join(root, slug);
  if (fs.existsSync(dir)) throw new UsageError(`a kata folder "${slug}" exists already`);
  const order = Math.max(0, ...katas.filter((k) => k.meta.track === track).map((k) => k.meta.order)) + 1;
  const title = values.title ?? slug.charAt(0).toUpperCase() + slug.slice(1).replace(/-/g, ' ');
  scaffold({ dir, slug, title, track, order });
  console.log(`created ${dir}: "${title}", number ${order} of track ${track}${values.track ? '' : ' (the first track; --track picks another)'}`);
  console.log(`write what its placeholders ask for, then \`katabox validate ${slug}\` until it passes, and \`katabox validate --record ${slug}\``);
  return 0;
}

async function check(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, sample: { type: 'boolean' }, seed: { type: 'string' } },
  });
  if (positionals.length !== 2) throw new UsageError('check takes a kata and a file: katabox check <kata> <file.ts>');
  const [slug, file] = positionals as [string, string];
  const kata = findKata(slug);
  let code: string;
  try {
    code = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let seed = crypto.randomInt(0, 2 ** 32);
  if (values.seed !== undefined) {
    seed = Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new UsageError('--seed takes an integer from 0 to 4294967295');
  }
  // Type-check on a thread of our own so the verdict can be shown before the (slower) check ends.
  // The learner's own machine and only their code: a generous time limit.
  const checker = new TypeChecker({ timeLimitMs: 30_000 });
  const typeErrors = checker.check(code, { key: 'cli' });
  const pool = new RunPool({ bundles: installedBundles([kata]), concurrency: 1 });
  let result: RunResult;
  try {
    result = await pool.run({ kata: kata.meta.slug, version: kata.meta.version, code, mode: values.sample ? 'run' : 'submit', seed });
  } finally {
    await pool.close();
  }
  if (!values.json) console.log(formatVerdict(result));
  if (result.status !== 'compile_error') result.diagnostics.push(...((await typeErrors) ?? []));
  await checker.close();
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    if (result.diagnostics.length > 0) console.log(result.diagnostics.map((d) => formatDiagnostic(d, file)).join('\n'));
    const logs = formatLogs(result);
    if (logs && result.status !== 'passed') console.log(logs);
  }
  return result.status === 'passed' ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'list':
      return list(rest);
    case 'check':
      return check(rest);
    case 'new':
      return newKata(rest);
    case 'validate': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { record: { type: 'boolean' } } });
      if (positionals.length > 1) throw new UsageError('validate takes at most one kata');
      const catalog = loadCatalog();
      for (const err of positionals.length === 0 ? catalog.broken : []) console.error(err.message);
      // A kata that does not load yet (often a fresh one) gets the whole list of what to fix, not "unknown kata".
      const broken = catalog.broken.find((err) => positionals[0] !== undefined && path.basename(err.dir) === positionals[0]);
      if (broken) {
        const problems = [...broken.problems, ...authoringProblems(broken.dir)];
        console.log(red(`${reportUnwritten(positionals[0]!, problems)} problem(s)`));
        return 1;
      }
      const katas = positionals[0] === undefined ? catalog.katas : [findKata(positionals[0])];
      const code = await validate(katas, { record: values.record ?? false });
      return catalog.broken.length > 0 && positionals.length === 0 ? 1 : code;
    }
    case 'doctor':
      return doctor();
    case 'user':
      return user(rest);
    case 'db':
      return db(rest);
    case 'serve': {
      const { serve } = await import('./serve.js');
      return serve(rest);
    }
    case 'runner': {
      const { runner } = await import('./runner.js');
      return runner(rest);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(usage);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    if (err instanceof UsageError || (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`katabox: ${err.message}\n\n${usage}`);
      process.exitCode = 2;
    } else {
      console.error(err);
      process.exitCode = 1;
    }
  },
);
