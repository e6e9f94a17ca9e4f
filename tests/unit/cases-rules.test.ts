/** Pure rules: the case transition table and the safe Markdown subset used for notes. */
import { describe, expect, it } from 'vitest';
import { CASE_TRANSITIONS, assertTransition } from '../../electron/cases/transitions.js';
import { ftsQuery } from '../../electron/cases/precedent.js';
import { parseBlocks } from '../../renderer/src/features/cases/markdownBlocks.js';
import { RingsideError } from '../../shared/contract/errors.js';

describe('case transitions', () => {
  it('follows new -> in_review -> escalated -> decided -> appealed -> closed', () => {
    expect(CASE_TRANSITIONS['new']).toContain('in_review');
    expect(CASE_TRANSITIONS['in_review']).toContain('escalated');
    expect(CASE_TRANSITIONS['escalated']).toContain('decided');
    expect(CASE_TRANSITIONS['decided']).toContain('appealed');
    expect(CASE_TRANSITIONS['appealed']).toContain('closed');
  });
  it('refuses a skip with CONFLICT naming both states and the allowed moves', () => {
    try {
      assertTransition({ id: 'RS-1', status: 'new' }, 'appealed');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(RingsideError);
      expect((err as RingsideError).code).toBe('CONFLICT');
      expect((err as Error).message).toBe('Case RS-1 cannot move from new to appealed. Allowed from new: in_review, escalated, closed.');
    }
    expect(() => assertTransition({ id: 'RS-1', status: 'closed' }, 'closed')).toThrow('already closed');
  });
});

describe('precedent search text', () => {
  it('turns free text into quoted FTS terms so no FTS syntax gets through', () => {
    expect(ftsQuery('device "farm" OR NOT x*')).toBe('"device" OR "farm" OR "not"');
    expect(ftsQuery('a b')).toBeNull();
  });
});

describe('note Markdown', () => {
  it('parses the subset into blocks and leaves HTML as text', () => {
    const blocks = parseBlocks('# Title\nline one\nline two\n\n- a\n- b\n1. x\n```\n<script>alert(1)</script>\n```\n<img src=x onerror=alert(1)>');
    expect(blocks).toEqual([
      { kind: 'h', level: 1, text: 'Title' },
      { kind: 'p', lines: ['line one', 'line two'] },
      { kind: 'ul', items: ['a', 'b'] },
      { kind: 'ol', items: ['x'] },
      { kind: 'code', text: '<script>alert(1)</script>' },
      { kind: 'p', lines: ['<img src=x onerror=alert(1)>'] },
    ]);
  });
});
