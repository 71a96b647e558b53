// What `katabox serve` and `katabox runner` share about their lifetime: the operator's opt-in to
// weak isolation, and stopping gracefully on Ctrl+C or SIGTERM.

/** The operator allowed serving or running without namespaces: by flag, or KATABOX_ALLOW_WEAK_ISOLATION=1. */
export function weakIsolationAllowed(flag: boolean | undefined): boolean {
  return Boolean(flag) || process.env.KATABOX_ALLOW_WEAK_ISOLATION === '1';
}

/**
 * Listens from now on for the first SIGINT or SIGTERM; the function returned resolves once that
 * signal has had `close` finish what is in flight (`inFlight` names it). Called before anything
 * starts: until a listener exists a signal kills the process outright, and one that came just
 * after the process said it serves would skip the graceful stop.
 */
export function stopOnSignal(inFlight: string): (close: () => Promise<void>) => Promise<void> {
  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  return async (close) => {
    const signal = await signalled;
    console.error(`${signal}: finishing the ${inFlight} in flight, then stopping`);
    try {
      await close();
    } catch (err) {
      console.error(err);
    }
  };
}
