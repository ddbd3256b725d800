import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class BallotDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The member voting; default yourself. Named ballots only may be recorded by the convener for a member.' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiProperty({ enum: ['for', 'against', 'abstain'] })
  @IsIn(['for', 'against', 'abstain'])
  choice!: 'for' | 'against' | 'abstain';
}
