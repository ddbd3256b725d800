import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ApiErrorDto } from '../errors/api-error.dto.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (VALIDATION_FAILED, INVALID_ID, MALFORMED_JSON, …)',
  401: 'No valid bearer token (UNAUTHENTICATED) or wrong credentials (INVALID_CREDENTIALS)',
  403: 'In scope, but the caller’s roles do not allow it (FORBIDDEN)',
  404: 'Does not exist or is outside the caller’s scope',
  409: 'Conflicts with existing data',
  422: 'Breaks a rule of the organisation (e.g. unit kinds)',
  429: 'Too many failed sign-ins (TOO_MANY_ATTEMPTS; see Retry-After)',
};

/** Documents the error responses a route can give, all in the ApiErrorDto shape. */
export const ApiErrors = (...statuses: number[]): MethodDecorator =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ApiErrorDto })));
