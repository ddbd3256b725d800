/** A problem the CLI reports as one line on stderr, exiting with `exitCode` (1: failed, 2: usage). */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}
