import { ValidateIf } from 'class-validator';

/**
 * A field that may be left out of a PATCH but, when present, must pass its rules. Unlike
 * `@IsOptional()`, an explicit `null` is validated (and rejected) rather than waved through.
 */
export const OptionalNotNull = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
