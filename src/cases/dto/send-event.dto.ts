import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';
import { copyJson, isPlainObject, registerFastBodyCheck } from '../../common/validation/fast-body.js';

const TYPE = /^[a-z]+\.[a-zA-Z]+$/;

export class SendEventDto {
  @ApiProperty({ example: 'topic.accept', description: 'A namespaced event the procedure declares' })
  @IsString()
  @Length(3, 60)
  @Matches(TYPE)
  type!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: "Checked against the event's declared payload" })
  @IsOptional()
  @IsObject()
  payload?: Record<string, unknown>;
}

// The events route is the hot path: a body the decorators above certainly accept is built here
// without class-transformer/class-validator; any other body goes through them (and gets their
// errors). send-event.dto.spec.ts compares the two on generated bodies.
registerFastBodyCheck(SendEventDto, (body) => {
  if (!isPlainObject(body)) return undefined;
  const { type, payload } = body;
  // the pattern allows ASCII letters and one dot only, so the length is the UTF-16 length
  if (typeof type !== 'string' || type.length < 3 || type.length > 60 || !TYPE.test(type)) return undefined;
  if (payload !== null && payload !== undefined && (typeof payload !== 'object' || Array.isArray(payload))) return undefined;
  const dto = new SendEventDto();
  // keys in the body's order, as plainToInstance assigns them; any other key: the decorators refuse it
  for (const key of Object.keys(body)) {
    if (key === 'type') dto.type = type;
    else if (key === 'payload') {
      const copied = copyJson(payload);
      if (copied === undefined) return undefined;
      (dto as { payload?: unknown }).payload = copied.value;
    } else return undefined;
  }
  return dto;
});
