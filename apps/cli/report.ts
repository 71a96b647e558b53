// The human-readable report of a verdict.
import type { Diagnostic, Exchange, RunResult } from '../../sandbox/index.js';

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
export const green = (t: string) => paint(32, t);
export const red = (t: string) => paint(31, t);
export const dim = (t: string) => paint(2, t);

function indent(text: string, prefix: string): string {
  return text.split('\n').map((line) => prefix + line).join('\n');
}

function describeResponse(exchange: Exchange): string {
  const res = exchange.response;
  if (!res) return exchange.note ?? 'no response';
  if (exchange.request.method === 'RAW') return JSON.stringify(res.body);
  const headers = Object.entries(res.headers)
    .filter(([k]) => !['date', 'connection', 'keep-alive'].includes(k))
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`)
    .join('; ');
  return `${res.status}${headers ? ` (${headers})` : ''} ${JSON.stringify(res.body)}`;
}

export function formatDiagnostic(d: Diagnostic, file: string): string {
  return `${file}:${d.line}:${d.column} ${d.kind === 'type' ? 'type error' : 'syntax error'}: ${d.message}`;
}

export function formatVerdict(result: RunResult): string {
  const ok = result.status === 'passed';
  const head = `${result.kata}: ${(ok ? green : red)(result.status)}, score ${result.score}/100`;
  const meta = dim(`seed ${result.seed} · ${result.timings.totalMs} ms · isolation ${result.isolation.level}`);
  const lines = [`${head}  ${meta}`, result.message];
  for (const p of result.probes) {
    lines.push(`  ${p.passed ? green('✓') : red('✗')} ${p.name} ${dim(`(${p.visibility}, weight ${p.weight}, ${p.durationMs} ms)`)}`);
    if (p.passed) continue;
    if (p.message) lines.push(indent(p.message, '      '));
    const last = p.exchanges?.at(-1);
    if (last) {
      lines.push(`      ${dim('sent:')}     ${last.request.curl}${last.note ? dim(`  (${last.note})`) : ''}`);
      lines.push(`      ${dim('received:')} ${describeResponse(last)}`);
    }
  }
  return lines.join('\n');
}

export function formatLogs(result: RunResult): string {
  const parts: string[] = [];
  for (const [name, text] of [['stdout', result.logs.stdout], ['stderr', result.logs.stderr]] as const) {
    if (text.trim()) parts.push(`${dim(`server ${name}:`)}\n${indent(text.trimEnd(), '  ')}`);
  }
  if (result.logs.truncated) parts.push(dim(`(output truncated: only the first part of each stream is kept)`));
  return parts.join('\n');
}
