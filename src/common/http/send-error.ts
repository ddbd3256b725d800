import type { ArgumentsHost } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Label } from '../../../workflows/core/label.js';
import type { DomainError, FieldProblem } from '../errors/domain-error.js';

export interface ApiErrorBody {
  readonly statusCode: number;
  readonly code: string;
  readonly message: Label;
  readonly field?: string;
  readonly errors?: readonly FieldProblem[];
  readonly details?: Readonly<Record<string, unknown>>;
  readonly requestId: string;
}

export const errorBody = (
  status: number,
  error: Pick<DomainError, 'code' | 'text' | 'field' | 'errors' | 'details'>,
  requestId: string,
): ApiErrorBody => ({
  statusCode: status,
  code: error.code,
  message: error.text,
  ...(error.field === undefined ? {} : { field: error.field }),
  ...(error.errors === undefined ? {} : { errors: error.errors }),
  ...(error.details === undefined ? {} : { details: error.details }),
  requestId,
});

/** Writes the standard error response for a domain error. */
export const sendError = (host: ArgumentsHost, status: number, error: DomainError): void => {
  const http = host.switchToHttp();
  const request = http.getRequest<FastifyRequest>();
  const reply = http.getResponse<FastifyReply>();
  for (const [name, value] of Object.entries(error.headers ?? {})) void reply.header(name, value);
  void reply.status(status).send(errorBody(status, error, String(request.id)));
};
