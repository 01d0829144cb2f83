// What the `qjs` runner gives a script besides "zmq" (the parts the samples use).
// Not part of the module's declarations: a host that installs only the module has none of it.
declare const scriptArgs: string[];
declare const console: {
  log(...values: unknown[]): void;
  error(...values: unknown[]): void;
};
declare module "std" {
  export function exit(code: number): never;
}
