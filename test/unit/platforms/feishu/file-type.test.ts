import { describe, expect, it } from 'vitest';
import { feishuFileTypeOf } from '../../../../src/platforms/feishu/api.js';

describe('feishuFileTypeOf', () => {
  it('maps Office and media files to the file_type im/v1/files accepts, anything else to stream', () => {
    expect(['assessment-2026-11.xlsx', 'old.XLS', 'data.csv', 'memo.docx', 'deck.pptx', 'report.pdf', 'clip.mp4', 'voice.opus', 'archive.zip', 'README'].map(feishuFileTypeOf)).toEqual([
      'xls',
      'xls',
      'xls',
      'doc',
      'ppt',
      'pdf',
      'mp4',
      'opus',
      'stream',
      'stream',
    ]);
  });
});
