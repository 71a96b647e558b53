// A kata on disk: one folder with kata.json, prompt.md, starter.ts, solution.ts, probes.ts,
// debrief.md, wrong/*.ts and versions.json. Loading checks all of it and names every problem, so
// an author fixes them in one go.
import fs from 'node:fs';
import path from 'node:path';
import { limitProblems, type Limits } from '../limits.js';
import { bundleOf, type KataBundle } from './bundle.js';

export type Difficulty = 'easy' | 'medium' | 'hard';
const difficulties: readonly Difficulty[] = ['easy', 'medium', 'hard'];

export interface KataMeta {
  slug: string;
  title: string;
  /** The learning track it belongs to (katas/tracks.json), and its place there. */
  track: string;
  order: number;
  difficulty: Difficulty;
  tags: string[];
  minutes: number;
  version: number;
  /** Progressive hints, revealed one at a time on request. */
  hints: string[];
  limits?: Partial<Limits>;
}

/** A known-wrong solution and the probes it must fail. */
export interface WrongSolution {
  name: string;
  file: string;
  fails: string[];
  why: string;
}

export interface Kata {
  dir: string;
  meta: KataMeta;
  prompt: string;
  starter: string;
  /** Shown once the learner has solved the kata, never before. */
  debrief: string;
  solutionFile: string;
  probesFile: string;
  wrong: WrongSolution[];
  /** What a run needs of this version: the probes and the limits, with their content hash. */
  bundle: KataBundle;
  /** versions.json: the bundle hash of every version released. */
  ledger: Record<string, string>;
}

export class KataError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: string[],
  ) {
    super(`kata at ${dir} is broken:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'KataError';
  }
}

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function readText(file: string, problems: string[], what: string): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    if (text.trim() === '') problems.push(`${what} (${path.basename(file)}) is empty`);
    return text;
  } catch {
    problems.push(`${what} is missing: expected ${path.basename(file)}`);
    return '';
  }
}

function metaProblems(raw: Record<string, unknown>, folderName: string): string[] {
  const problems: string[] = [];
  const { slug, title, track, order, difficulty, tags, minutes, version, hints, limits, ...rest } = raw;
  if (typeof slug !== 'string' || !slugPattern.test(slug)) {
    problems.push('kata.json: slug must be lowercase words joined by dashes, e.g. "hello-server"');
  } else if (slug !== folderName) {
    problems.push(`kata.json: slug "${slug}" does not match its folder name "${folderName}"`);
  }
  if (typeof title !== 'string' || title.trim() === '') problems.push('kata.json: title must be a non-empty string');
  if (typeof track !== 'string' || !slugPattern.test(track)) problems.push('kata.json: track must name a track of katas/tracks.json, e.g. "raw-http"');
  if (typeof order !== 'number' || !Number.isInteger(order) || order < 1) problems.push('kata.json: order must be a positive integer (the kata\'s place in its track)');
  if (!difficulties.includes(difficulty as Difficulty)) problems.push(`kata.json: difficulty must be one of ${difficulties.join(', ')}`);
  if (!Array.isArray(tags) || tags.length === 0 || !tags.every((t) => typeof t === 'string' && slugPattern.test(t))) {
    problems.push('kata.json: tags must be a non-empty array of lowercase words');
  }
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > 240) {
    problems.push('kata.json: minutes must be an integer from 1 to 240');
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) problems.push('kata.json: version must be a positive integer');
  if (!Array.isArray(hints) || hints.length < 1 || hints.length > 5 || !hints.every((h) => typeof h === 'string' && h.trim() !== '')) {
    problems.push('kata.json: hints must be an array of 1 to 5 non-empty strings, from gentle to specific');
  }
  if (limits !== undefined) problems.push(...limitProblems(limits).map((p) => `kata.json: ${p}`));
  for (const key of Object.keys(rest)) problems.push(`kata.json: unknown field "${key}"`);
  return problems;
}

function readMeta(dir: string, problems: string[]): KataMeta | undefined {
  const text = readText(path.join(dir, 'kata.json'), problems, 'metadata');
  if (!text) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    problems.push(`kata.json is not valid JSON: ${(err as Error).message}`);
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push('kata.json must hold an object');
    return undefined;
  }
  const found = metaProblems(raw as Record<string, unknown>, path.basename(dir));
  problems.push(...found);
  return found.length === 0 ? (raw as KataMeta) : undefined;
}

function readLedger(dir: string, problems: string[]): Record<string, string> {
  const file = path.join(dir, 'versions.json');
  if (!fs.existsSync(file)) return {};
  try {
    const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && Object.entries(raw).every(([v, h]) => /^[1-9]\d*$/.test(v) && typeof h === 'string')) {
      return raw as Record<string, string>;
    }
  } catch {
    // reported below
  }
  problems.push('versions.json must map each version number to its bundle hash, e.g. { "1": "sha256-..." }');
  return {};
}

/** Reads the `// @fails: <probe id>` and `// @why: <text>` lines at the top of a wrong solution. */
function readWrong(file: string, problems: string[]): WrongSolution {
  const name = path.basename(file, '.ts');
  const fails: string[] = [];
  let why = '';
  const text = readText(file, problems, `wrong solution ${name}`);
  for (const line of text.split('\n')) {
    const m = /^\/\/\s*@(fails|why):\s*(.+?)\s*$/.exec(line);
    if (!m) {
      if (line.startsWith('//') || line.trim() === '') continue;
      break;
    }
    if (m[1] === 'fails') fails.push(m[2]!);
    else why = m[2]!;
  }
  if (fails.length === 0) problems.push(`wrong/${name}.ts must name the probe(s) it fails in a leading "// @fails: <probe id>" line`);
  return { name, file, fails, why };
}

export function loadKata(dir: string): Kata {
  const problems: string[] = [];
  const meta = readMeta(dir, problems);
  const prompt = readText(path.join(dir, 'prompt.md'), problems, 'prompt');
  const starter = readText(path.join(dir, 'starter.ts'), problems, 'starter');
  const solutionFile = path.join(dir, 'solution.ts');
  readText(solutionFile, problems, 'reference solution');
  const debrief = readText(path.join(dir, 'debrief.md'), problems, 'debrief');
  const probesFile = path.join(dir, 'probes.ts');
  const probes = readText(probesFile, problems, 'probes');
  const ledger = readLedger(dir, problems);
  const wrongDir = path.join(dir, 'wrong');
  const wrong = fs.existsSync(wrongDir)
    ? fs
        .readdirSync(wrongDir)
        .filter((f) => f.endsWith('.ts'))
        .sort()
        .map((f) => readWrong(path.join(wrongDir, f), problems))
    : [];
  if (wrong.length === 0) problems.push('wrong/ must hold at least one known-wrong solution (wrong/<name>.ts)');
  if (problems.length > 0 || !meta) throw new KataError(dir, problems);
  const bundle = bundleOf(meta, probes);
  return { dir, meta, prompt, starter, debrief, solutionFile, probesFile, wrong, bundle, ledger };
}
