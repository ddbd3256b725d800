import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { CommonError, CommonErrorCode } from '../errors/common-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export const isId = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Route ids are UUIDs; anything else is a 400 naming the parameter, never a lookup. */
@Injectable()
export class ParseIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (!isId(value)) throw new CommonError(CommonErrorCode.InvalidId, { field: metadata.data ?? 'id' });
    return value.toLowerCase();
  }
}
