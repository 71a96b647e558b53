// A child inherits every descriptor of its parent that lacks close-on-exec. Node opens its own
// with it, so one without it came from whoever started this process (a shell redirection, a
// supervisor, socket activation); passed on, it would reach into every jail, where no path
// check stands between the candidate and a read or write on it.
import fs from 'node:fs';

/** O_CLOEXEC in the octal flags /proc/self/fdinfo reports. */
const O_CLOEXEC = 0o2000000;

/** Closes every descriptor beyond stdio that this process inherited without close-on-exec. */
export function closeInheritedDescriptors(): void {
  if (process.platform !== 'linux') return;
  for (const entry of fs.readdirSync('/proc/self/fd')) {
    const fd = Number(entry);
    if (fd <= 2) continue;
    let flags: number;
    try {
      flags = parseInt(/^flags:\s+([0-7]+)/m.exec(fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))![1]!, 8);
    } catch {
      continue; // the descriptor readdirSync itself used, closed by now
    }
    if ((flags & O_CLOEXEC) === 0) fs.closeSync(fd);
  }
}
