import { ApiProperty } from '@nestjs/swagger';
import { ROLE_NAMES, type Role } from '../../../workflows/org/roles.js';
import { PageMetaDto } from '../../common/pagination/page.dto.js';

export class RoleAssignmentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ROLE_NAMES, example: 'council_clerk' })
  role!: Role;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: the whole organisation (admin only)' })
  unitId!: string | null;
}

export class RoleAssignmentPageDto extends PageMetaDto {
  @ApiProperty({ type: [RoleAssignmentDto] })
  items!: RoleAssignmentDto[];
}
