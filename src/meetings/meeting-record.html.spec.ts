import { describe, expect, it } from 'vitest';
import type { MeetingRecordDto } from './dto/meeting.dto.js';
import { escapeHtml, renderMeetingRecord } from './meeting-record.html.js';

const hostile = '<script>alert("x")</script>&\'';

const aRecord = (): MeetingRecordDto =>
  ({
    id: 'm1',
    caseId: 'c1',
    unitId: 'u1',
    body: 'party_organisation_meeting',
    bodyName: { zh: '村党组织会议', en: 'Party organisation meeting' },
    step: 'proposing',
    status: 'closed',
    votingMode: 'named',
    scheduledAt: '2026-01-01T00:00:00.000Z',
    noticeGivenAt: '2026-01-01T00:00:00.000Z',
    place: hostile,
    motion: hostile,
    chair: hostile,
    recorder: null,
    rule: { id: 'local.party_organisation_meeting', name: { zh: 'n', en: 'n' }, source: 'configuration', citation: { zh: '本地配置', en: 'Local configuration' }, description: { zh: 'd', en: 'd' } },
    composition: null,
    figures: { expected: 1, present: 1, recused: 0, households: null, householdsRepresented: null, partiesRepresented: null, ballotsCast: 1, votes: { for: 1, against: 0, abstain: 0 } },
    members: [{ personId: 'p1', name: hostile, membership: 'party_branch', attendance: 'present', signed: true, recused: false, recusalReason: null, choice: 'for' }],
    result: null,
    passed: null,
    closingNote: hostile,
    corrections: [{ id: 'k', reason: hostile, correction: hostile, recordedBy: 'p1', recordedAt: 'now', globalSeq: 9 }],
    convenedBy: 'p1',
    convenedAt: 'now',
    openedAt: null,
    votingAt: null,
    closedAt: null,
    version: 1,
    caseTitle: hostile,
    procedure: 'one-report-four-deliberations',
    unitName: hostile,
    ratio: '1/1',
    auditEntries: [1, 2],
  });

describe('renderMeetingRecord', () => {
  it('escapes every user string', () => {
    const sut = renderMeetingRecord(aRecord());
    expect(sut).not.toContain('<script>');
    expect(sut).not.toContain(`"x"`);
    expect(sut).toContain(escapeHtml(hostile));
    expect(sut.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(sut).toContain('lang="zh-CN"');
  });

  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
    expect(escapeHtml(null)).toBe('');
  });

  it('lists, for a five-party meeting, the parties represented and the parties absent', () => {
    const fiveParty = { ...aRecord(), body: 'five_party_joint_meeting', figures: { ...aRecord().figures, expected: 5, present: 4, partiesRepresented: ['property_company', 'party_organisation', 'residents_committee', 'service_station'] } } as MeetingRecordDto;
    const sut = renderMeetingRecord(fiveParty);
    expect(sut).toContain('<tr><th>到会各方 Parties represented</th><td>社区党组织、居民委员会、社区服务站、物业服务企业<br>');
    expect(sut).toContain('<tr><th>未到会 Parties absent</th><td>业主委员会<br><span class="en">Owners&#39; committee</span></td></tr>');
    // other bodies have no party rows
    expect(renderMeetingRecord(aRecord())).not.toContain('Parties represented');
  });
});
