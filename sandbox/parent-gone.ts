// For the processes the platform forks (the runner host, the type checker): noticing that the
// platform has gone, which closes their IPC channel.

/**
 * Calls `stop` once, when the channel to the parent closes, or at once if it already has. An ES
 * module's imports load asynchronously, so the channel may close before any listener exists, and
 * then no 'disconnect' comes; while `process.connected` is still true, it is yet to come.
 */
export function onParentGone(stop: () => void): void {
  if (process.connected) process.once('disconnect', stop);
  else stop();
}
