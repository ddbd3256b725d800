import { Transform } from 'class-transformer';

/** Trims surrounding whitespace of a string (other types pass through to fail validation). */
export const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
