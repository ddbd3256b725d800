import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { CreatePublicationDto } from './dto/create-publication.dto.js';
import { PublicationSettingsDto, PublicationSettingsViewDto } from './dto/publication-settings.dto.js';
import { PublicationCalendarDto, PublicationVerificationDto, StaffPublicationDto } from './dto/publication.dto.js';
import { PublicationsService } from './publications.service.js';

const ID = { name: 'id', format: 'uuid', description: 'A village' } as const;

/** Staff side of village affairs publication: record, the calendar, settings, verification. Villages only (else 422). */
@ApiTags('village publications')
@ApiBearerAuth()
@Controller('api/units/:id')
export class PublicationsController {
  constructor(private readonly publications: PublicationsService) {}

  @Post('publications')
  @ApiOperation({ summary: 'Record a village affairs publication (village committee); it goes on the public board at once, hashed into the village’s chain' })
  @ApiParam(ID)
  @ApiCreatedResponse({ type: StaffPublicationDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async create(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: CreatePublicationDto): Promise<StaffPublicationDto> {
    return this.publications.create(actor, id, body);
  }

  @Get('publication-calendar')
  @ApiOperation({ summary: 'What the village must publish (art. 30): per matter the periods due, published and overdue, the next due, and the at-once publications' })
  @ApiParam(ID)
  @ApiOkResponse({ type: PublicationCalendarDto })
  @ApiErrors(400, 401, 403, 404, 422)
  async calendar(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<PublicationCalendarDto> {
    return this.publications.calendar(actor, id);
  }

  @Put('publication-settings')
  @ApiOperation({ summary: 'Set the finance cadence (monthly where transactions are many), grace days and tracking start of the village’s calendar' })
  @ApiParam(ID)
  @ApiOkResponse({ type: PublicationSettingsViewDto })
  @ApiErrors(400, 401, 403, 404, 422)
  async settings(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: PublicationSettingsDto): Promise<PublicationSettingsViewDto> {
    return this.publications.updateSettings(actor, id, body);
  }

  @Get('publications/verify')
  @ApiOperation({ summary: 'Recompute every content hash and link of the village’s publication chain' })
  @ApiParam(ID)
  @ApiOkResponse({ type: PublicationVerificationDto })
  @ApiErrors(400, 401, 403, 404, 422)
  async verify(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<PublicationVerificationDto> {
    return this.publications.verify(actor, id);
  }
}
