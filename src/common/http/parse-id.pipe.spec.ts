import { describe, expect, it } from 'vitest';
import { ParseIdPipe } from './parse-id.pipe.js';

describe(ParseIdPipe.name, () => {
  const sut = new ParseIdPipe();
  it('passes a UUID through (lower-cased)', () => {
    expect(sut.transform('0F8FAD5B-D9CB-469F-A165-70867728950E', { type: 'param', data: 'id' })).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
  });
  it.each(['abc', '1', "1' OR '1'='1", '0f8fad5b-d9cb-469f-a165-70867728950', ''])('refuses %j with INVALID_ID naming the parameter', (value) => {
    expect(() => sut.transform(value, { type: 'param', data: 'assignmentId' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ID', field: 'assignmentId' }) as Error,
    );
  });
});
