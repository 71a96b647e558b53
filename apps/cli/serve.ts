// The web app arrives with the server package; until then `serve` says so.
export function serve(_args: string[]): number {
  console.error('katabox serve: the web app is not part of this build yet; use `katabox check` and `katabox list`.');
  return 2;
}
