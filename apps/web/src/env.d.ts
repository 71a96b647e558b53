// Modules that exist only at build time (see build/node-typings.ts).
declare module 'virtual:node-typings' {
  /** Node's typings: file URI → source. */
  const files: Record<string, string>;
  export default files;
}
