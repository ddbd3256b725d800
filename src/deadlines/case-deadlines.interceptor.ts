import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, mergeMap, type Observable } from 'rxjs';
import { CasesController } from '../cases/cases.controller.js';
import { deadlineFieldsOf } from '../cases/case.mapper.js';
import type { CaseDto } from '../cases/dto/case.dto.js';
import { Clock } from '../timers/clock.js';
import { DeadlinesService } from './deadlines.service.js';

const isCaseDto = (value: unknown): value is CaseDto =>
  typeof value === 'object' && value !== null && 'id' in value && 'procedure' in value && 'allowedEvents' in value;

/** The case views in an answer of the cases routes: a case, a page of cases, an event result. */
const caseViewsIn = (body: unknown): CaseDto[] => {
  if (isCaseDto(body)) return [body];
  if (typeof body !== 'object' || body === null) return [];
  if ('items' in body && Array.isArray(body.items)) return body.items.filter(isCaseDto);
  if ('case' in body && isCaseDto(body.case)) return [body.case];
  return [];
};

/**
 * Adds `overdue` and `deadline` to every case the cases routes answer with, from the cases' open
 * deadline rows read in one indexed query. An interceptor rather than a change to the case
 * service, which another engineer was optimising: see docs/deadlines.md. Event results replayed
 * for an Idempotency-Key get the flag as it stands now.
 */
@Injectable()
export class CaseDeadlinesInterceptor implements NestInterceptor {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getClass() !== CasesController) return next.handle();
    return next.handle().pipe(mergeMap((body: unknown) => from(this.enrich(body))));
  }

  private async enrich(body: unknown): Promise<unknown> {
    const views = caseViewsIn(body);
    if (views.length === 0) return body;
    const open = await this.deadlines.openOf([...new Set(views.map((v) => v.id))]);
    const now = this.clock.nowIso();
    for (const view of views) {
      Object.assign(
        view,
        deadlineFieldsOf(
          { procedureId: view.procedure.id, procedureVersion: view.procedure.version },
          open.filter((d) => d.caseId === view.id),
          now,
        ),
      );
    }
    return body;
  }
}
