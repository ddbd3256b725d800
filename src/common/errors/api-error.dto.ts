import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LabelDto {
  @ApiProperty({ example: '请求内容有误，请检查标出的字段。' })
  zh!: string;

  @ApiProperty({ example: 'The request is invalid; see the listed fields.' })
  en!: string;
}

export class FieldProblemDto {
  @ApiProperty({ example: 'name', description: 'Path of the offending field' })
  field!: string;

  @ApiProperty({ example: 'TOO_LONG', description: 'Machine-readable reason' })
  code!: string;

  @ApiProperty({ type: LabelDto })
  message!: LabelDto;
}

/** Every error response has this shape. */
export class ApiErrorDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Machine-readable error code' })
  code!: string;

  @ApiProperty({ type: LabelDto, description: 'Human message in zh-CN and en' })
  message!: LabelDto;

  @ApiPropertyOptional({ example: 'parentId', description: 'The offending field, when one field is at fault' })
  field?: string;

  @ApiPropertyOptional({ type: [FieldProblemDto], description: 'Every offending field (validation errors)' })
  errors?: FieldProblemDto[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { guard: 'hasFindings' },
    description: 'Extra facts: the guard that refused an event, the events the state accepts, the current version',
  })
  details?: Record<string, unknown>;

  @ApiProperty({ example: '3f1c2a9e-8d0b-4f7e-9a51-0c6a2e4b7d13', description: 'Echoed in the X-Request-Id header' })
  requestId!: string;
}
