import { parsed, rejected, type Parsed } from './parse-error.js';

/**
 * `华为 给 李四` / `华为 to 李四`: the customer, then the person. Split at the last 给 / to, so a
 * customer name with a space still works; a person's name holds neither word.
 */
export function parseHandover(rest: string): Parsed<{ customer: string; to: string }> {
  const match = /^(.+)(?:\s*给\s*|\s+to\s+)(.+)$/i.exec(rest.trim());
  const customer = match?.[1]?.trim();
  const to = match?.[2]?.trim();
  if (!customer || !to) return rejected('handover.usage');
  return parsed({ customer, to });
}
