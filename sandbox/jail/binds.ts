// The jail's view of the host: node's own binary and the shared libraries it links, read-only,
// and nothing else. Binding all of /usr would be simpler, but apps often live under /usr (a
// global npm install, /usr/src/app in containers), and with them the katas and the database.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Follows `file` one path component at a time, noting each symlink met; returns the real path. */
function resolveNoting(file: string, links: Map<string, string>, depth = 0): string {
  if (depth > 16) throw new Error(`too many symlinks under ${file}`);
  let current = '/';
  for (const part of file.split('/').filter(Boolean)) {
    const next = path.join(current, part);
    if (fs.lstatSync(next).isSymbolicLink()) {
      const target = fs.readlinkSync(next);
      links.set(next, target);
      current = resolveNoting(path.resolve(current, target), links, depth + 1);
    } else {
      current = next;
    }
  }
  return current;
}

/** The files the dynamic loader opens to start `binary`, as ldd lists them. */
function sharedLibraries(binary: string): string[] {
  const out = spawnSync('ldd', [binary], { encoding: 'utf8', timeout: 10_000 });
  if (/not a dynamic executable|statically linked/.test(`${out.stdout}${out.stderr}`)) return [];
  if (out.status !== 0) throw new Error(`ldd ${binary} failed: ${(out.stderr || out.error?.message || '').trim()}`);
  return [...out.stdout.matchAll(/(\/\S+) \(0x[0-9a-f]+\)/g)].map((m) => m[1]!);
}

/** bwrap arguments that let `binary` start in an otherwise empty root: its libraries' folders and the symlinks leading there. */
export function libraryBinds(binary: string): string[] {
  const links = new Map<string, string>();
  const dirs = new Set<string>();
  for (const file of sharedLibraries(binary)) dirs.add(path.dirname(resolveNoting(file, links)));
  const bound = [...dirs].sort();
  const inBound = (p: string) => bound.some((dir) => p.startsWith(`${dir}/`));
  const args = bound.flatMap((dir) => ['--ro-bind', dir, dir]);
  for (const [link, target] of links) if (!inBound(link)) args.push('--symlink', target, link);
  if (fs.existsSync('/etc/ld.so.cache')) args.push('--ro-bind', '/etc/ld.so.cache', '/etc/ld.so.cache');
  return args;
}
