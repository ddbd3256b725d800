import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../common/pagination/page.dto.js';
import { CaseDeadlineDto, CaseProcedureRefDto, LabelDto } from '../../cases/dto/case.dto.js';
import { UnitRefDto } from './step-limits.dto.js';

export class OverdueStateDto {
  @ApiProperty({ example: 'research' })
  path!: string;

  @ApiProperty({ type: LabelDto })
  label!: LabelDto;
}

export class OverdueCaseDto {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ example: '引入专业机构运营日间照料中心' })
  title!: string;

  @ApiProperty({ type: CaseProcedureRefDto })
  procedure!: CaseProcedureRefDto;

  @ApiProperty({ format: 'uuid' })
  unitId!: string;

  @ApiProperty({ type: OverdueStateDto, description: 'Where the case is now' })
  state!: OverdueStateDto;

  @ApiProperty({ type: CaseDeadlineDto, description: 'Its most overdue running deadline' })
  deadline!: CaseDeadlineDto;
}

export class OverduePageDto extends PageMetaDto {
  @ApiProperty({ type: UnitRefDto })
  unit!: UnitRefDto;

  @ApiProperty({ description: 'The moment the list was computed (the engine clock)' })
  asOf!: string;

  @ApiProperty({ type: [OverdueCaseDto], description: 'Open cases at the unit or below with a step past its limit, most overdue first' })
  items!: OverdueCaseDto[];
}
