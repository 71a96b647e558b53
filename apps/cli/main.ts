// `katabox`: list the katas, check a solution against one, validate them all, inspect the host.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { installedBundles, loadCatalog, RunPool, TypeChecker, type Kata, type RunResult } from '../../sandbox/index.js';
import { doctor } from './doctor.js';
import { dim, formatDiagnostic, formatLogs, formatVerdict } from './report.js';
import { UsageError } from './usage-error.js';
import { user, userUsage } from './users.js';
import { validate } from './validate.js';

const usage = `Usage: katabox <command>

  list [--json]                         the katas, with difficulty and tags
  check <kata> <file.ts> [--json] [--sample] [--seed N]
                                        run the kata's probes against your solution
                                        (--sample: only the sample probes; --seed: replay a run)
  validate [kata] [--record]            prove each kata: reference scores 100, starter does not,
                                        every wrong/ solution fails exactly the probes it names,
                                        probes unchanged since their version was released
                                        (--record: write a new version's hash to versions.json)
  doctor                                which isolation layers this host offers
  serve [--port N] [--host ADDR] [--db FILE] [--allow-weak-isolation]
                                        start the web app (PORT, KATABOX_HOST, KATABOX_DB)
${userUsage}

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
  const checker = new TypeChecker();
  const typeErrors = checker.check(code, 30_000);
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
    case 'validate': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { record: { type: 'boolean' } } });
      if (positionals.length > 1) throw new UsageError('validate takes at most one kata');
      const catalog = loadCatalog();
      for (const err of positionals.length === 0 ? catalog.broken : []) console.error(err.message);
      const katas = positionals[0] === undefined ? catalog.katas : [findKata(positionals[0])];
      const code = await validate(katas, { record: values.record ?? false });
      return catalog.broken.length > 0 && positionals.length === 0 ? 1 : code;
    }
    case 'doctor':
      return doctor();
    case 'user':
      return user(rest);
    case 'serve': {
      const { serve } = await import('./serve.js');
      return serve(rest);
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
