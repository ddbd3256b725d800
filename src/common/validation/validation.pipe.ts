import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { CommonError, CommonErrorCode } from '../errors/common-error.js';
import { toFieldProblems } from './field-problems.js';

/** The one validation pipe (registered as APP_PIPE): strict whitelist, typed output, coded errors. */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) =>
      new CommonError(CommonErrorCode.ValidationFailed, { errors: toFieldProblems(errors) }),
  });
