import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { OptionalNotNull } from '../../common/validation/optional-not-null.decorator.js';
import { Trim } from '../../common/validation/trim.transform.js';
import { PASSWORD_MAX, PASSWORD_MIN, PHONE_PATTERN } from './create-person.dto.js';

/** Only the fields given change. `phone: null` clears the phone; a new password signs out old tokens. */
export class UpdatePersonDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: PHONE_PATTERN.source })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @Matches(PHONE_PATTERN)
  phone?: string | null;

  @ApiPropertyOptional({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, writeOnly: true })
  @OptionalNotNull()
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password?: string;

  @ApiPropertyOptional({ description: 'false deactivates the account: its tokens stop working at once' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}
