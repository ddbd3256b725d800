import { ApiProperty } from '@nestjs/swagger';
import { PersonDto } from '../../people/dto/person.dto.js';
import { RoleAssignmentDto } from '../../people/dto/role-assignment.dto.js';

export class MeDto {
  @ApiProperty({ type: PersonDto })
  person!: PersonDto;

  @ApiProperty({ type: [RoleAssignmentDto], description: 'Live roles; each covers its unit and every unit below' })
  roles!: RoleAssignmentDto[];
}
