import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { CommonError, CommonErrorCode } from '../errors/common-error.js';
import { fastBodyCheckFor } from './fast-body.js';
import { toFieldProblems } from './field-problems.js';

/** Runs a DTO's registered fast check first (fast-body.ts); the decorators decide everything else. */
class MinyiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      const dto = fastBodyCheckFor(metadata.metatype)?.(value);
      if (dto !== undefined) return dto;
    }
    return super.transform(value, metadata);
  }
}

const OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  validationError: { target: false, value: false },
  exceptionFactory: (errors: ValidationError[]) => new CommonError(CommonErrorCode.ValidationFailed, { errors: toFieldProblems(errors) }),
} as const;

/** The one validation pipe (registered as APP_PIPE): strict whitelist, typed output, coded errors. */
export const createValidationPipe = (): ValidationPipe => new MinyiValidationPipe(OPTIONS);

/** The same pipe without the fast checks: the reference their spec compares against. */
export const createDecoratorOnlyValidationPipe = (): ValidationPipe => new ValidationPipe(OPTIONS);
