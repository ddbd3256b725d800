import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../common/pagination/page.dto.js';

/** A person as every client sees them; the password never leaves the service. */
export class PersonDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '王秀英' })
  name!: string;

  @ApiProperty({ example: 'wang.xiuying' })
  username!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '+86 531 8888 0000',
    description: 'Shown to the person themselves and to administrators over them; null for everyone else',
  })
  phone!: string | null;

  @ApiProperty({ example: true })
  active!: boolean;
}

export class PersonPageDto extends PageMetaDto {
  @ApiProperty({ type: [PersonDto] })
  items!: PersonDto[];
}
