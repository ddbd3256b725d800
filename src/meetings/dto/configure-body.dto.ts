import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';

export class ConfigureBodyDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The rule of a body without statutory numbers (resident council, party organisation meeting, two-committee joint meeting, five-party meeting); see docs/rules.md',
    example: { quorum: { numerator: 1, denominator: 2, inclusive: true } },
  })
  @IsOptional()
  @IsObject()
  config?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Notice in days before a meeting; never less than the statutory notice (villagers’ assembly: 10)', example: 3 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(90)
  noticeDays?: number;

  @ApiPropertyOptional({ description: 'Women among the villager representatives (for the art. 25 composition check; people carry no gender)', example: 14 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  womenRepresentatives?: number;

  @ApiPropertyOptional({ description: 'The body votes by secret ballot only' })
  @IsOptional()
  @IsBoolean()
  secretBallotOnly?: boolean;
}
