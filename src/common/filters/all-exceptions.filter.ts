import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CommonError, CommonErrorCode } from '../errors/common-error.js';
import { JsonLogger } from '../logging/json-logger.js';
import { sendError } from '../http/send-error.js';
import { commonErrorStatus } from './common-exception.filter.js';

/** Fastify's own errors (body parsing, limits) reach us wrapped in an HttpException. */
const FASTIFY_CODES: Record<string, CommonErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: CommonErrorCode.MalformedJson,
  FST_ERR_CTP_EMPTY_JSON_BODY: CommonErrorCode.MalformedJson,
  FST_ERR_CTP_BODY_TOO_LARGE: CommonErrorCode.PayloadTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: CommonErrorCode.UnsupportedMediaType,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: CommonErrorCode.BadRequest,
};

const classify = (exception: HttpException): CommonErrorCode => {
  const cause: unknown = exception.cause;
  if (cause !== null && typeof cause === 'object') {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && code in FASTIFY_CODES) return FASTIFY_CODES[code] as CommonErrorCode;
    if (cause instanceof SyntaxError) return CommonErrorCode.MalformedJson;
  }
  switch (exception.getStatus()) {
    case 404:
      return CommonErrorCode.RouteNotFound;
    case 413:
      return CommonErrorCode.PayloadTooLarge;
    case 415:
      return CommonErrorCode.UnsupportedMediaType;
    default:
      return exception.getStatus() < 500 ? CommonErrorCode.BadRequest : CommonErrorCode.InternalError;
  }
};

/**
 * Last resort: anything no domain filter claimed. Framework HTTP errors get a code; anything
 * else is logged with its stack and answered with a bare 500 that hides the internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof HttpException) {
      const code = classify(exception);
      const status = code === CommonErrorCode.BadRequest ? exception.getStatus() : commonErrorStatus(code);
      if (status >= 500) this.logUnexpected(exception, host);
      sendError(host, status, new CommonError(code));
      return;
    }
    this.logUnexpected(exception, host);
    sendError(host, HttpStatus.INTERNAL_SERVER_ERROR, new CommonError(CommonErrorCode.InternalError));
  }

  private logUnexpected(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    this.logger.event(
      'error',
      'unhandled error',
      { requestId: request.id, method: request.method, url: request.url, error: exception },
      'AllExceptionsFilter',
    );
  }
}
