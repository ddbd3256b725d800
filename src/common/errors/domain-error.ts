import type { Label } from '../../../workflows/core/label.js';

/** One problem with one input field, as returned in `errors[]`. */
export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly message: Label;
}

/**
 * Base of every typed error a domain throws. Each domain declares a code enum, a subclass and an
 * exception filter that maps every code to an HTTP status with an exhaustive switch.
 */
export abstract class DomainError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    readonly text: Label,
    readonly field?: string,
    readonly errors?: readonly FieldProblem[],
    readonly headers?: Readonly<Record<string, string>>,
    /** Extra machine-readable facts for the client (e.g. the guard that refused an event). */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(`${code}: ${text.en}`);
    this.name = new.target.name;
  }
}
