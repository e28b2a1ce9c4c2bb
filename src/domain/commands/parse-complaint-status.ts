import { rejected, type Parsed } from './parse-error.js';
import { tokenize } from './tokens.js';

export interface ComplaintStatusDraft {
  complaintId: number;
  status: 'responded' | 'closed';
}

const STATUS_WORDS: Record<string, ComplaintStatusDraft['status']> = {
  响应: 'responded',
  已响应: 'responded',
  回复: 'responded',
  已回复: 'responded',
  respond: 'responded',
  responded: 'responded',
  关闭: 'closed',
  已关闭: 'closed',
  解决: 'closed',
  已解决: 'closed',
  close: 'closed',
  closed: 'closed',
};

/** 投诉处理 <#编号> <已响应|已关闭> */
export function parseComplaintStatus(rest: string): Parsed<ComplaintStatusDraft> {
  let complaintId: number | null = null;
  let status: ComplaintStatusDraft['status'] | null = null;
  for (const token of tokenize(rest)) {
    const id = /^(?:#|投诉#?|no\.?)?(\d{1,9})$/i.exec(token);
    if (id && complaintId === null) complaintId = Number(id[1]);
    else if (STATUS_WORDS[token.toLowerCase()] && status === null) status = STATUS_WORDS[token.toLowerCase()] ?? null;
  }
  if (complaintId === null || status === null) return rejected('records.error.complaintStatusMissing');
  return { ok: true, value: { complaintId, status } };
}
