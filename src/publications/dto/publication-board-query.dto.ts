import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PUBLICATION_MATTER_NAMES, type PublicationMatterName } from '../../../workflows/rules/publication-matters.js';
import { PageQueryDto } from '../../common/pagination/page.dto.js';

export class PublicationBoardQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PUBLICATION_MATTER_NAMES })
  @IsOptional()
  @IsIn(PUBLICATION_MATTER_NAMES)
  matter?: PublicationMatterName;
}
