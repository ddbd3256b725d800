import { ValidateBy, type ValidationOptions } from 'class-validator';

/** scrypt requires N to be a power of two. */
export const IsPowerOfTwo = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isPowerOfTwo',
      validator: {
        validate: (value: unknown) => Number.isInteger(value) && (value as number) > 1 && ((value as number) & ((value as number) - 1)) === 0,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a power of two`,
      },
    },
    options,
  );
