import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class StartVotingDto {
  @ApiProperty({ enum: ['named', 'tally', 'secret'], description: 'named ballots (roll call), a tally (show of hands), or secret ballots' })
  @IsIn(['named', 'tally', 'secret'])
  mode!: 'named' | 'tally' | 'secret';
}
