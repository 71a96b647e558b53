// `katabox validate`: the probes' own test. For each kata the reference must score 100, the
// starter must not, and every known-wrong solution must fail exactly the probes it names.
import fs from 'node:fs';
import path from 'node:path';
import { RunPool, type Kata, type RunResult } from '../../sandbox/index.js';
import { green, red } from './report.js';

interface Check {
  kata: Kata;
  label: string;
  file: string;
  judge: (result: RunResult) => string | undefined; // a problem, or undefined when as expected
}

const failedNames = (r: RunResult) => r.probes.filter((p) => !p.passed).map((p) => p.name);

function checksFor(kata: Kata): Check[] {
  const checks: Check[] = [
    {
      kata,
      label: 'reference solution scores 100',
      file: kata.solutionFile,
      judge: (r) => (r.status === 'passed' && r.score === 100 ? undefined : `${r.status}, score ${r.score}: ${r.message} failing: ${failedNames(r).join('; ')}`),
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
        const failed = failedNames(r);
        const unexpected = failed.filter((n) => !wrong.fails.includes(n));
        const missing = wrong.fails.filter((n) => !failed.includes(n));
        if (unexpected.length === 0 && missing.length === 0) return undefined;
        return [missing.length ? `passed ${missing.join('; ')}` : '', unexpected.length ? `also failed ${unexpected.join('; ')}` : ''].filter(Boolean).join(', ');
      },
    });
  }
  return checks;
}

export async function validate(katas: Kata[]): Promise<number> {
  const pool = new RunPool({ typeCheck: false, queueLimit: 1000 });
  let problems = 0;
  try {
    const checks = katas.flatMap(checksFor);
    const results = checks.map((c) => pool.run({ kataDir: c.kata.dir, code: fs.readFileSync(c.file, 'utf8'), mode: 'submit', revealHidden: true }));
    let lastKata = '';
    for (const [i, check] of checks.entries()) {
      const result = await results[i]!;
      if (check.kata.meta.slug !== lastKata) {
        lastKata = check.kata.meta.slug;
        console.log(lastKata);
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
