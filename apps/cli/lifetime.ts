// What `katabox serve` and `katabox runner` share about their lifetime: the operator's opt-in to
// weak isolation, and stopping gracefully on Ctrl+C or SIGTERM.

/** The operator allowed serving or running without namespaces: by flag, or KATABOX_ALLOW_WEAK_ISOLATION=1. */
export function weakIsolationAllowed(flag: boolean | undefined): boolean {
  return Boolean(flag) || process.env.KATABOX_ALLOW_WEAK_ISOLATION === '1';
}

/** Resolves once the first SIGINT or SIGTERM has had `close` finish what is in flight (`inFlight` names it). */
export function untilStopped(inFlight: string, close: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.error(`${signal}: finishing the ${inFlight} in flight, then stopping`);
      close().then(resolve, (err: Error) => {
        console.error(err);
        resolve();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
