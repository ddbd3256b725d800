import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { PageQueryDto } from '../common/pagination/page.dto.js';
import { CreateUnitDto } from './dto/create-unit.dto.js';
import { UnitListQueryDto } from './dto/unit-list-query.dto.js';
import { UnitDto, UnitPageDto } from './dto/unit.dto.js';
import { UpdateUnitDto } from './dto/update-unit.dto.js';
import { toUnitDto } from './unit.mapper.js';
import { UnitsService } from './units.service.js';

@ApiTags('units')
@ApiBearerAuth()
@Controller('api/units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a unit under a parent you administer (a root district: organisation-wide admins only)' })
  @ApiCreatedResponse({ type: UnitDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateUnitDto): Promise<UnitDto> {
    return toUnitDto(await this.units.create(actor, body));
  }

  @Get()
  @ApiOperation({ summary: 'Units in your scope, in tree order' })
  @ApiOkResponse({ type: UnitPageDto })
  @ApiErrors(400, 401)
  async list(@CurrentActor() actor: Actor, @Query() query: UnitListQueryDto): Promise<UnitPageDto> {
    const page = await this.units.list(actor, query);
    return { ...page, items: page.items.map(toUnitDto) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One unit in your scope' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: UnitDto })
  @ApiErrors(400, 401, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<UnitDto> {
    return toUnitDto(await this.units.get(actor, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a unit you administer (kind and parent never change)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: UnitDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: UpdateUnitDto): Promise<UnitDto> {
    return toUnitDto(await this.units.update(actor, id, body));
  }

  @Get(':id/children')
  @ApiOperation({ summary: 'The units directly below a unit in your scope' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: UnitPageDto })
  @ApiErrors(400, 401, 404)
  async children(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query() query: PageQueryDto): Promise<UnitPageDto> {
    const page = await this.units.children(actor, id, query);
    return { ...page, items: page.items.map(toUnitDto) };
  }
}
