import { ApiProperty } from '@nestjs/swagger';

/** What a voter gets back: that the ballot was recorded, never how it counts. */
export class BallotReceiptDto {
  @ApiProperty({ format: 'uuid' })
  meetingId!: string;

  @ApiProperty({ format: 'uuid' })
  personId!: string;

  @ApiProperty({ example: true })
  recorded!: true;
}
