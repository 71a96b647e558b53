// `katabox validate`: the probes' own test. For each kata the reference must score 100, the
// starter must not, every known-wrong solution must fail exactly the probes it names, and the
// probes must be those its version was released with (versions.json), so that a stored
// verdict can always be reproduced against the version it names. A kata still holding
// placeholders of `katabox new` is not run at all: the author is told what is left to write.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { installedBundles, ledgerProblem, RunPool, type Kata, type RunResult } from '../../sandbox/index.js';
import { green, red } from './report.js';
import { authoringProblems } from './scaffold.js';

interface Check {
  kata: Kata;
  label: string;
  file: string;
  judge: (result: RunResult) => string | undefined; // a problem, or undefined when as expected
}

const failedIds = (r: RunResult) => r.probes.filter((p) => !p.passed).map((p) => p.id);

function checksFor(kata: Kata): Check[] {
  const checks: Check[] = [
    {
      kata,
      label: 'reference solution scores 100',
      file: kata.solutionFile,
      judge: (r) => (r.status === 'passed' && r.score === 100 ? undefined : `${r.status}, score ${r.score}: ${r.message} failing: ${failedIds(r).join('; ')}`),
    },
    {
      kata,
      label: 'starter scores below 100',
      file: path.join(kata.dir, 'starter.ts'),
      judge: (r) => (r.score < 100 && r.status !== 'error' ? undefined : `${r.status}, score ${r.score}`),
    },
  ];
  for (const wrong of kata.wrong) {
    checks.push({
      kata,
      label: `wrong/${wrong.name} fails exactly: ${wrong.fails.join('; ')}`,
      file: wrong.file,
      judge: (r) => {
        if (r.status === 'error') return `error: ${r.message}`;
        const failed = failedIds(r);
        const unexpected = failed.filter((n) => !wrong.fails.includes(n));
        const missing = wrong.fails.filter((n) => !failed.includes(n));
        if (unexpected.length === 0 && missing.length === 0) return undefined;
        return [missing.length ? `passed ${missing.join('; ')}` : '', unexpected.length ? `also failed ${unexpected.join('; ')}` : ''].filter(Boolean).join(', ');
      },
    });
  }
  return checks;
}

/** Writes the current version's hash into versions.json, unless that version is there already (a released version never changes). */
function record(kata: Kata): void {
  const version = String(kata.bundle.version);
  if (kata.ledger[version] !== undefined) return;
  const ledger = { ...kata.ledger, [version]: kata.bundle.hash };
  fs.writeFileSync(path.join(kata.dir, 'versions.json'), `${JSON.stringify(ledger, null, 2)}\n`);
  kata.ledger[version] = kata.bundle.hash;
  console.log(`${kata.meta.slug}: recorded version ${version}`);
}

/** Prints what is left to write in a kata folder; returns how many things. */
export function reportUnwritten(slug: string, left: string[]): number {
  console.log(slug);
  for (const problem of left) console.log(`  ${red('✗')} ${problem}`);
  return left.length;
}

export async function validate(katas: Kata[], options: { record: boolean }): Promise<number> {
  let problems = 0;
  const ready: Kata[] = [];
  for (const kata of katas) {
    const left = authoringProblems(kata.dir);
    if (left.length === 0) ready.push(kata);
    else problems += reportUnwritten(kata.meta.slug, left); // neither run nor recorded: its probes are not written yet
  }
  const pool = new RunPool({ bundles: installedBundles(ready), queueLimit: 1000 });
  try {
    const checks = ready.flatMap(checksFor);
    const results = checks.map((c) => {
      const job = { kata: c.kata.meta.slug, version: c.kata.meta.version, code: fs.readFileSync(c.file, 'utf8'), mode: 'submit' as const, seed: crypto.randomInt(0, 2 ** 32) };
      return pool.run(job);
    });
    let lastKata = '';
    for (const [i, check] of checks.entries()) {
      const result = await results[i]!;
      if (check.kata.meta.slug !== lastKata) {
        lastKata = check.kata.meta.slug;
        console.log(lastKata);
        if (options.record) record(check.kata);
        const ledger = ledgerProblem(check.kata.bundle, check.kata.ledger);
        if (ledger) problems++;
        console.log(`  ${ledger ? red('✗') : green('✓')} probes are those of version ${check.kata.meta.version}${ledger ? `\n      ${ledger}` : ''}`);
      }
      const problem = check.judge(result);
      if (problem) problems++;
      console.log(`  ${problem ? red('✗') : green('✓')} ${check.label}${problem ? `\n      ${problem} (seed ${result.seed})` : ''}`);
    }
  } finally {
    await pool.close();
  }
  console.log(problems === 0 ? green(`all ${katas.length} kata(s) valid`) : red(`${problems} problem(s)`));
  return problems === 0 ? 0 : 1;
}
