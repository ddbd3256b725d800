import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { AttendanceDto } from './dto/attendance.dto.js';
import { BallotDto } from './dto/ballot.dto.js';
import { BallotReceiptDto } from './dto/ballot-receipt.dto.js';
import { CloseMeetingDto } from './dto/close-meeting.dto.js';
import { ConveneMeetingDto } from './dto/convene-meeting.dto.js';
import { CorrectionDto } from './dto/correction.dto.js';
import { MeetingDto, MeetingListDto, MeetingRecordDto } from './dto/meeting.dto.js';
import { OpenMeetingDto } from './dto/open-meeting.dto.js';
import { RecusalDto } from './dto/recusal.dto.js';
import { StartVotingDto } from './dto/start-voting.dto.js';
import { TallyDto } from './dto/tally.dto.js';
import { renderMeetingRecord } from './meeting-record.html.js';
import { MeetingsService } from './meetings.service.js';

const ID = { name: 'id', format: 'uuid' } as const;

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('api')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Post('cases/:id/meetings')
  @ApiOperation({ summary: "Convene a meeting of a body the case's current step declares (notice rules apply)" })
  @ApiParam(ID)
  @ApiCreatedResponse({ type: MeetingDto })
  @ApiErrors(400, 401, 403, 404, 422)
  async convene(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: ConveneMeetingDto): Promise<MeetingDto> {
    return this.meetings.convene(actor, id, body);
  }

  @Get('cases/:id/meetings')
  @ApiOperation({ summary: "A case's meetings, in the order they were convened" })
  @ApiParam(ID)
  @ApiOkResponse({ type: MeetingListDto })
  @ApiErrors(400, 401, 404)
  async list(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<MeetingListDto> {
    return this.meetings.listOfCase(actor, id);
  }

  @Get('meetings/:id')
  @ApiOperation({ summary: 'One meeting: status, rule, figures, frozen roster with attendance, result once closed' })
  @ApiParam(ID)
  @ApiOkResponse({ type: MeetingDto })
  @ApiErrors(400, 401, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<MeetingDto> {
    return this.meetings.get(actor, id);
  }

  @Post('meetings/:id/open')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open the meeting: the roster freezes' })
  @ApiParam(ID)
  @ApiOkResponse({ type: MeetingDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async open(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: OpenMeetingDto): Promise<MeetingDto> {
    return this.meetings.open(actor, id, body);
  }

  @Post('meetings/:id/attendance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record attendance: named entries (member bodies), counts (assemblies) or parties (five-party)' })
  @ApiParam(ID)
  @ApiOkResponse({ type: MeetingDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async attendance(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: AttendanceDto): Promise<MeetingDto> {
    return this.meetings.attendance(actor, id, body);
  }

  @Post('meetings/:id/recusals')
  @HttpCode(200)
  @ApiOperation({ summary: 'A member declares a conflict: out of the vote and of the base' })
  @ApiParam(ID)
  @ApiOkResponse({ type: MeetingDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async recuse(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: RecusalDto): Promise<MeetingDto> {
    return this.meetings.recuse(actor, id, body);
  }

  @Post('meetings/:id/voting')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start voting (named, tally or secret): attendance and recusals freeze' })
  @ApiParam(ID)
  @ApiOkResponse({ type: MeetingDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async startVoting(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: StartVotingDto): Promise<MeetingDto> {
    return this.meetings.startVoting(actor, id, body);
  }

  @Post('meetings/:id/ballots')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cast a ballot (named: the member or the convener recording it; secret: the member only). One per member.' })
  @ApiParam(ID)
  @ApiOkResponse({ type: BallotReceiptDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async ballot(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: BallotDto): Promise<BallotReceiptDto> {
    return this.meetings.ballot(actor, id, body);
  }

  @Post('meetings/:id/tally')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a tally (show of hands): for / against / abstain, at most those present' })
  @ApiParam(ID)
  @ApiOkResponse({ type: MeetingDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async tally(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: TallyDto): Promise<MeetingDto> {
    return this.meetings.tally(actor, id, body);
  }

  @Post('meetings/:id/close')
  @HttpCode(200)
  @ApiOperation({ summary: "Close: the body's rule decides quorum and passage; meeting.closed moves the case in the same transaction" })
  @ApiParam(ID)
  @ApiOkResponse({ type: MeetingDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async close(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: CloseMeetingDto): Promise<MeetingDto> {
    return this.meetings.close(actor, id, body);
  }

  @Post('meetings/:id/corrections')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a correction to a closed meeting (a new audited record; the original stays)' })
  @ApiParam(ID)
  @ApiOkResponse({ type: MeetingDto })
  @ApiErrors(400, 401, 403, 404, 422)
  async correct(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: CorrectionDto): Promise<MeetingDto> {
    return this.meetings.correct(actor, id, body);
  }

  @Get('meetings/:id/record')
  @ApiOperation({ summary: 'The meeting record for the auditor and the village archive' })
  @ApiParam(ID)
  @ApiOkResponse({ type: MeetingRecordDto })
  @ApiErrors(400, 401, 404)
  async record(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<MeetingRecordDto> {
    return this.meetings.record(actor, id);
  }

  @Get('meetings/:id/record.html')
  @ApiOperation({ summary: 'The meeting record as a printable A4 page (zh-CN first)' })
  @ApiParam(ID)
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiErrors(400, 401, 404)
  async recordHtml(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const record = await this.meetings.record(actor, id);
    void reply.header('content-type', 'text/html; charset=utf-8');
    return renderMeetingRecord(record);
  }
}
