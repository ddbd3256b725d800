import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';

export class SendEventDto {
  @ApiProperty({ example: 'topic.accept', description: 'A namespaced event the procedure declares' })
  @IsString()
  @Length(3, 60)
  @Matches(/^[a-z]+\.[a-zA-Z]+$/)
  type!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: "Checked against the event's declared payload" })
  @IsOptional()
  @IsObject()
  payload?: Record<string, unknown>;
}
