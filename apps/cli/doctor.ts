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
  const ivm = isolatedVm();
  const layers = [
    ...caps.layers,
    { name: 'probe-isolate', active: Boolean(ivm), detail: ivm ? `${ivm}: probes run in an Isolate with a memory limit and timeouts` : 'isolated-vm is not installed: run npm install' },
  ];
  const user = process.getuid?.() === 0 ? 'root' : `uid ${process.getuid?.() ?? '?'}`;
  console.log(`Node ${process.version} on ${process.platform}, runner as ${user}`);
  for (const layer of layers) console.log(`  ${layer.active ? green('on ') : red('off')}  ${layer.name.padEnd(17)} ${layer.detail}`);
  const off = layers.filter((l) => !l.active).map((l) => l.name);
  const full = Boolean(caps.bwrap) && Boolean(ivm);
  if (!full) {
    console.log('Isolation: partial — candidate code is not jailed. `katabox serve` refuses to serve from this host unless the operator passes --allow-weak-isolation.');
  } else {
    console.log(off.length === 0 ? 'Isolation: full, every layer on.' : `Isolation: full (jailed in namespaces), but off: ${off.join(', ')} — see above for why.`);
  }
  return full ? 0 : 1;
}
