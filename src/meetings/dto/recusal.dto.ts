import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';

export class RecusalDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  personId!: string;

  @ApiProperty({ minLength: 1, maxLength: 2000, example: '本人系补偿名单中一户的近亲属' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
