import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page.dto.js';

export class BoardQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['current', 'past'], description: 'current: the period is running; past: ended or withdrawn. Default both, newest first.' })
  @IsOptional()
  @IsIn(['current', 'past'])
  status?: 'current' | 'past';
}
