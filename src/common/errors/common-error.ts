import type { Label } from '../../../workflows/core/label.js';
import { DomainError, type FieldProblem } from './domain-error.js';

/** Errors about the shape of a request, before any domain looks at it. */
export enum CommonErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  InvalidId = 'INVALID_ID',
  MalformedJson = 'MALFORMED_JSON',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  BadRequest = 'BAD_REQUEST',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  InternalError = 'INTERNAL_ERROR',
}

export const COMMON_MESSAGES: Record<CommonErrorCode, Label> = {
  [CommonErrorCode.ValidationFailed]: { zh: '请求内容有误，请检查标出的字段。', en: 'The request is invalid; see the listed fields.' },
  [CommonErrorCode.InvalidId]: { zh: '标识符格式不正确。', en: 'The identifier is malformed.' },
  [CommonErrorCode.MalformedJson]: { zh: '请求正文不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  [CommonErrorCode.PayloadTooLarge]: { zh: '请求正文过大。', en: 'The request body is too large.' },
  [CommonErrorCode.UnsupportedMediaType]: { zh: '请求正文须为 application/json。', en: 'The request body must be application/json.' },
  [CommonErrorCode.BadRequest]: { zh: '请求无效。', en: 'Bad request.' },
  [CommonErrorCode.RouteNotFound]: { zh: '没有这个地址。', en: 'No such route.' },
  [CommonErrorCode.ServiceUnavailable]: { zh: '服务暂不可用。', en: 'The service is unavailable.' },
  [CommonErrorCode.InternalError]: { zh: '服务器内部错误，已记录。', en: 'Internal server error; it has been logged.' },
};

export class CommonError extends DomainError<CommonErrorCode> {
  constructor(code: CommonErrorCode, options: { field?: string; errors?: readonly FieldProblem[] } = {}) {
    super(code, COMMON_MESSAGES[code], options.field, options.errors);
  }
}
