// `katabox doctor`: what this host can do to contain candidate code, and why not more.
import { createRequire } from 'node:module';
import { detectCapabilities } from '../../sandbox/index.js';
import { green, red } from './report.js';

function isolatedVm(): string | undefined {
  const require = createRequire(import.meta.url);
  for (const name of ['isolated-vm', 'isolated-vm-node20']) {
    try {
      require.resolve(name);
      return name;
    } catch {
      // try the other build
    }
  }
  return undefined;
}

export function doctor(): number {
  const caps = detectCapabilities();
  console.log(`Node ${process.version} on ${process.platform}`);
  for (const layer of caps.layers) console.log(`  ${layer.active ? green('on ') : red('off')}  ${layer.name.padEnd(17)} ${layer.detail}`);
  const ivm = isolatedVm();
  console.log(`  ${ivm ? green('on ') : red('off')}  ${'probe-isolate'.padEnd(17)} ${ivm ? `${ivm}: probes run in an Isolate with a memory limit and timeouts` : 'isolated-vm is not installed: run npm install'}`);
  const full = Boolean(caps.bwrap) && Boolean(ivm);
  console.log(full ? 'Isolation: full.' : 'Isolation: partial — do not serve untrusted users from this host without the operator opt-in.');
  return full ? 0 : 1;
}
