import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { PageQueryDto } from '../common/pagination/page.dto.js';
import { CreatePersonDto } from './dto/create-person.dto.js';
import { CreateRoleAssignmentDto } from './dto/create-role-assignment.dto.js';
import { PersonDto, PersonPageDto } from './dto/person.dto.js';
import { RoleAssignmentDto, RoleAssignmentPageDto } from './dto/role-assignment.dto.js';
import { UpdatePersonDto } from './dto/update-person.dto.js';
import { PeopleService } from './people.service.js';
import { toPersonDto, toRoleAssignmentDto } from './person.mapper.js';

@ApiTags('people')
@ApiBearerAuth()
@Controller('api/people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Post()
  @ApiOperation({ summary: 'Create an account looked after by a unit you administer' })
  @ApiCreatedResponse({ type: PersonDto })
  @ApiErrors(400, 401, 403, 404, 409)
  async create(@CurrentActor() actor: Actor, @Body() body: CreatePersonDto): Promise<PersonDto> {
    const view = await this.people.create(actor, body);
    return toPersonDto(view.person, view.showContact);
  }

  @Get()
  @ApiOperation({ summary: 'People in your scope, by username' })
  @ApiOkResponse({ type: PersonPageDto })
  @ApiErrors(400, 401)
  async list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<PersonPageDto> {
    const page = await this.people.list(actor, query);
    return { ...page, items: page.items.map((v) => toPersonDto(v.person, v.showContact)) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One person in your scope' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: PersonDto })
  @ApiErrors(400, 401, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<PersonDto> {
    const view = await this.people.get(actor, id);
    return toPersonDto(view.person, view.showContact);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a person you administer (or your own name, phone, password)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: PersonDto })
  @ApiErrors(400, 401, 403, 404, 409)
  async update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: UpdatePersonDto): Promise<PersonDto> {
    const view = await this.people.update(actor, id, body);
    return toPersonDto(view.person, view.showContact);
  }

  @Get(':id/roles')
  @ApiOperation({ summary: "A person's live roles that lie in your scope" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: RoleAssignmentPageDto })
  @ApiErrors(400, 401, 404)
  async roles(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query() query: PageQueryDto): Promise<RoleAssignmentPageDto> {
    const page = await this.people.roles(actor, id, query);
    return { ...page, items: page.items.map(toRoleAssignmentDto) };
  }

  @Post(':id/roles')
  @ApiOperation({ summary: 'Give a person a role at a unit you administer' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({ type: RoleAssignmentDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async addRole(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: CreateRoleAssignmentDto): Promise<RoleAssignmentDto> {
    return toRoleAssignmentDto(await this.people.addRole(actor, id, body));
  }

  @Delete(':id/roles/:assignmentId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End a role (kept as history); takes effect on the next request' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'assignmentId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Role ended' })
  @ApiErrors(400, 401, 403, 404, 409)
  async removeRole(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Param('assignmentId', ParseIdPipe) assignmentId: string,
  ): Promise<void> {
    await this.people.removeRole(actor, id, assignmentId);
  }
}
