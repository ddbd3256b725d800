import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { FIVE_PARTY_NAMES } from '../../../workflows/rules/body-types.js';

export class AttendanceEntryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  personId!: string;

  @ApiProperty({ enum: ['present', 'absent', 'on_leave'] })
  @IsIn(['present', 'absent', 'on_leave'])
  status!: 'present' | 'absent' | 'on_leave';

  @ApiPropertyOptional({ description: 'Signed the attendance sheet (counts only for a member present)' })
  @IsOptional()
  @IsBoolean()
  signed?: boolean;
}

/** One of: named entries (member bodies), counts (assemblies), parties (five-party meeting). */
export class AttendanceDto {
  @ApiPropertyOptional({ type: [AttendanceEntryDto], description: 'Named roll call: members of the frozen roster' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryDto)
  entries?: AttendanceEntryDto[];

  @ApiPropertyOptional({ description: 'Assemblies: persons present (adults)' })
  @IsOptional()
  @IsInt()
  present?: number;

  @ApiPropertyOptional({ description: 'Assemblies: households with a representative present' })
  @IsOptional()
  @IsInt()
  householdsRepresented?: number;

  @ApiPropertyOptional({ enum: FIVE_PARTY_NAMES, isArray: true, description: 'Five-party meeting: the parties represented' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @IsIn(FIVE_PARTY_NAMES, { each: true })
  parties?: string[];
}
