// Resource limits of one run. Defaults suit the lesson's katas; a kata's kata.json and the
// operator may override any of them.

export interface Limits {
  /** Whole run, from start to verdict. */
  wallMs: number;
  cpuSeconds: number;
  memoryMb: number;
  /** Processes and threads of the candidate. */
  processes: number;
  openFiles: number;
  /** Bytes kept per output stream (stdout, stderr). */
  outputBytes: number;
  /** How long the candidate may take to start listening. */
  listenMs: number;
}

export const defaultLimits: Limits = {
  wallMs: 10_000,
  cpuSeconds: 5,
  memoryMb: 256,
  processes: 16,
  openFiles: 64,
  outputBytes: 64 * 1024,
  listenMs: 3_000,
};

const bounds: Record<keyof Limits, [number, number]> = {
  wallMs: [500, 120_000],
  cpuSeconds: [1, 60],
  memoryMb: [32, 4096],
  processes: [8, 256],
  openFiles: [16, 4096],
  outputBytes: [1024, 1024 * 1024],
  listenMs: [100, 30_000],
};

/** Checks an override object; returns the problems found (empty when it is valid). */
export function limitProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['limits must be an object'];
  const problems: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const range = bounds[key as keyof Limits];
    if (!range) {
      problems.push(`unknown limit "${key}" (known: ${Object.keys(bounds).join(', ')})`);
    } else if (typeof v !== 'number' || !Number.isInteger(v) || v < range[0] || v > range[1]) {
      problems.push(`limit ${key} must be an integer from ${range[0]} to ${range[1]}`);
    }
  }
  return problems;
}

export function mergeLimits(...overrides: Array<Partial<Limits> | undefined>): Limits {
  return Object.assign({}, defaultLimits, ...overrides.filter(Boolean));
}
