import { ApiProperty } from '@nestjs/swagger';
import { LabelDto } from '../../common/errors/api-error.dto.js';
import { PageMetaDto } from '../../common/pagination/page.dto.js';
import { PublicationSettingsViewDto } from './publication-settings.dto.js';

export class PublicationUnitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '鹊山村' }) name!: string;
}

export class PublicationChainDto {
  @ApiProperty({ description: "Position in the village's publication chain, from 1" }) seq!: number;
  @ApiProperty({ description: 'SHA-256 of this link (docs/publications.md)' }) hash!: string;
  @ApiProperty({ description: 'The previous link’s hash, or the village’s genesis value' }) prevHash!: string;
}

export class PublicationLinksDto {
  @ApiProperty({ example: '/public/publications/…' }) page!: string;
}

/** A publication as the public board shows it: the publishing role, never a person's id. */
export class PublicPublicationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: PublicationUnitDto }) unit!: PublicationUnitDto;
  @ApiProperty({ example: 'finances' }) matter!: string;
  @ApiProperty({ type: LabelDto }) matterLabel!: LabelDto;
  @ApiProperty({ nullable: true, type: String, example: '2026-Q3' }) period!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty() publishedAt!: string;
  @ApiProperty({ example: 'village_committee' }) publishedByRole!: string;
  @ApiProperty({ type: LabelDto }) publishedByRoleLabel!: LabelDto;
  @ApiProperty({ description: 'SHA-256 of the public content (recomputable by anyone: docs/publications.md)' }) contentHash!: string;
  @ApiProperty({ type: PublicationChainDto }) chain!: PublicationChainDto;
  @ApiProperty({ type: PublicationLinksDto }) links!: PublicationLinksDto;
}

export class StaffPublicationDto extends PublicPublicationDto {
  @ApiProperty({ format: 'uuid', description: 'Who published it' }) publishedBy!: string;
}

export class PublicPublicationPageDto extends PageMetaDto {
  @ApiProperty({ type: PublicationUnitDto }) unit!: PublicationUnitDto;
  @ApiProperty({ type: [PublicPublicationDto] }) items!: PublicPublicationDto[];
}

export class CalendarPeriodDto {
  @ApiProperty({ example: 'finances' }) matter!: string;
  @ApiProperty({ type: LabelDto }) label!: LabelDto;
  @ApiProperty({ example: '2026-Q3' }) period!: string;
  @ApiProperty({ enum: ['quarter', 'month'] }) kind!: string;
  @ApiProperty({ description: 'UTC; 00:00 China time of the first day' }) startsAt!: string;
  @ApiProperty({ description: 'UTC, exclusive' }) endsAt!: string;
  @ApiProperty({ description: 'UTC: a publication before this instant is on time' }) dueBy!: string;
  @ApiProperty({ example: '2026-10-10', description: 'The last China calendar day a publication is on time' }) lastDay!: string;
  @ApiProperty({ enum: ['open', 'due', 'overdue', 'published', 'published_late'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) firstPublishedAt!: string | null;
  @ApiProperty() publications!: number;
}

export class MatterCalendarDto {
  @ApiProperty() matter!: string;
  @ApiProperty({ type: LabelDto }) label!: LabelDto;
  @ApiProperty({ type: LabelDto }) basis!: LabelDto;
  @ApiProperty({ enum: ['quarter', 'month'] }) periodKind!: string;
  @ApiProperty({ type: [CalendarPeriodDto], description: 'Tracked periods, newest first' }) periods!: CalendarPeriodDto[];
  @ApiProperty({ type: CalendarPeriodDto, description: 'The earliest period owed and not yet late' }) nextDue!: CalendarPeriodDto;
}

export class AtOnceItemDto {
  @ApiProperty({ enum: ['notice', 'publication'], description: "notice: a case notice the engine published (一报四议两公开's two publications, a consultation outcome); publication: recorded by the village" })
  source!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() publishedAt!: string;
  @ApiProperty({ example: '/public/notices/…' }) page!: string;
}

export class AtOnceMatterDto {
  @ApiProperty() matter!: string;
  @ApiProperty({ type: LabelDto }) label!: LabelDto;
  @ApiProperty({ type: LabelDto }) basis!: LabelDto;
  @ApiProperty({ type: [AtOnceItemDto], description: 'Newest first, at most 100' }) items!: AtOnceItemDto[];
}

export class PublicationCalendarDto {
  @ApiProperty({ type: PublicationUnitDto }) unit!: PublicationUnitDto;
  @ApiProperty() now!: string;
  @ApiProperty({ example: 'Asia/Shanghai (UTC+08:00)' }) timeZone!: string;
  @ApiProperty({ type: PublicationSettingsViewDto }) settings!: PublicationSettingsViewDto;
  @ApiProperty({ type: [MatterCalendarDto] }) matters!: MatterCalendarDto[];
  @ApiProperty({ type: [CalendarPeriodDto], description: 'Every overdue period, oldest deadline first' }) overdue!: CalendarPeriodDto[];
  @ApiProperty({ type: [AtOnceMatterDto] }) atOnce!: AtOnceMatterDto[];
}

export class PublicationChainProblemDto {
  @ApiProperty({ enum: ['CONTENT_HASH_MISMATCH', 'HASH_MISMATCH', 'LINK_BROKEN', 'SEQ_GAP'] }) code!: string;
  @ApiProperty() seq!: number;
  @ApiProperty({ format: 'uuid' }) publicationId!: string;
  @ApiProperty({ type: LabelDto }) message!: LabelDto;
}

export class PublicationVerificationDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() valid!: boolean;
  @ApiProperty() publications!: number;
  @ApiProperty({ nullable: true, type: String }) headHash!: string | null;
  @ApiProperty({ type: [PublicationChainProblemDto] }) problems!: PublicationChainProblemDto[];
}
