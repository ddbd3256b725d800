import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../common/validation/trim.transform.js';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/;
export const PHONE_PATTERN = /^\+?[0-9][0-9 -]{4,18}[0-9]$/;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export class CreatePersonDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: '王秀英' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ pattern: USERNAME_PATTERN.source, example: 'wang.xiuying', description: '3–40 lower-case letters, digits, ".", "_", "-"' })
  @IsString()
  @MaxLength(40)
  @Matches(USERNAME_PATTERN)
  username!: string;

  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, writeOnly: true })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password!: string;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: PHONE_PATTERN.source, example: '+86 531 8888 0000' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @Matches(PHONE_PATTERN)
  phone?: string | null;

  @ApiProperty({ format: 'uuid', description: 'The unit whose administrators look after this account' })
  @IsUUID()
  unitId!: string;
}
