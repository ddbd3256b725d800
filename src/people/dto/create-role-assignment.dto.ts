import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsIn, IsUUID, ValidateIf } from 'class-validator';
import { ROLE_NAMES, type Role } from '../../../workflows/org/roles.js';

export class CreateRoleAssignmentDto {
  @ApiProperty({ enum: ROLE_NAMES, example: 'council_member' })
  @IsIn(ROLE_NAMES)
  role!: Role;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The unit (the role covers the units below it too); null: the whole organisation, for admin only',
  })
  @IsDefined()
  @ValidateIf((_o, value) => value !== null)
  @IsUUID()
  unitId!: string | null;
}
