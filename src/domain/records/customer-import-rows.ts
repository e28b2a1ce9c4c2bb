import { normalisePhone } from '../commands/parse-customers.js';
import { MAX_NAME_LENGTH } from '../commands/parse-context.js';
import { toHalfWidth } from '../commands/normalise.js';
import type { RowError } from '../org/import-rows.js';
import { normaliseName } from './customer-name.js';
import { parseImportLocation, type ImportLocationFault } from './import-location.js';

/**
 * Validation of customer import rows (xlsx, csv or JSON alike): what each row means and what is
 * wrong with it. Channel and owner are resolved by the caller, who knows the lists.
 */
const HEADER_ALIASES: Record<string, keyof CustomerImportRow | 'lat' | 'lng'> = {
  name: 'name',
  customer: 'name',
  客户: 'name',
  客户名称: 'name',
  公司名称: 'name',
  // A header people type (kept as they know it), not an identifier.
  'channel': 'salesChannel',
  渠道: 'salesChannel',
  销售渠道: 'salesChannel',
  region: 'region',
  地区: 'region',
  区域: 'region',
  industry: 'industry',
  行业: 'industry',
  tags: 'tags',
  标签: 'tags',
  aliases: 'aliases',
  alias: 'aliases',
  别名: 'aliases',
  简称: 'aliases',
  owner_employee_no: 'ownerEmployeeNo',
  owner: 'ownerEmployeeNo',
  负责人工号: 'ownerEmployeeNo',
  业务员工号: 'ownerEmployeeNo',
  contact_name: 'contactName',
  联系人: 'contactName',
  contact_title: 'contactTitle',
  职务: 'contactTitle',
  contact_phone: 'contactPhone',
  phone: 'contactPhone',
  电话: 'contactPhone',
  手机: 'contactPhone',
  纬度: 'lat',
  latitude: 'lat',
  lat: 'lat',
  经度: 'lng',
  longitude: 'lng',
  lng: 'lng',
};

export interface CustomerImportRow {
  rowNumber: number;
  name: string;
  salesChannel: string;
  region: string | null;
  industry: string | null;
  tags: string[];
  aliases: string[];
  ownerEmployeeNo: string;
  contactName: string | null;
  contactTitle: string | null;
  contactPhone: string | null;
  /** The customer's location, GCJ-02 (what Chinese maps give), when the row has both 纬度 and 经度. */
  location: { lat: number; lng: number } | null;
}

const LOCATION_REASONS: Record<ImportLocationFault, string> = {
  unpaired: '纬度和经度要么都填，要么都不填 (latitude and longitude go together)',
  lat: '纬度应为 -90 到 90 之间的数字 (latitude must be a number from -90 to 90)',
  lng: '经度应为 -180 到 180 之间的数字 (longitude must be a number from -180 to 180)',
};

const list = (value: string): string[] => value.split(/[,，、;；\s]+/).map((s) => s.trim()).filter(Boolean);

export function validateCustomerRows(
  records: { rowNumber: number; record: Record<string, unknown> }[],
): { ok: true; rows: CustomerImportRow[] } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const rows: CustomerImportRow[] = [];
  const seen = new Map<string, number>();
  for (const { rowNumber, record } of records) {
    const raw: Record<string, string> = {};
    for (const [header, value] of Object.entries(record)) {
      const key = HEADER_ALIASES[toHalfWidth(header).trim().toLowerCase().replace(/\s+/g, '_')];
      if (key) raw[key] = toHalfWidth(String(value ?? '')).trim();
    }
    const fail = (field: string, reason: string) => errors.push({ rowNumber, field, reason });
    const name = raw.name ?? '';
    const key = normaliseName(name);
    if (!key) fail('name', '客户名称必填 (customer name is required)');
    else if (name.length > MAX_NAME_LENGTH) fail('name', `客户名称最多 ${MAX_NAME_LENGTH} 字 (name too long)`);
    else if (seen.has(key)) fail('name', `与第 ${seen.get(key)} 行是同一客户 (duplicate of row ${seen.get(key)})`);
    else seen.set(key, rowNumber);
    if (!raw.salesChannel) fail('salesChannel', '渠道必填 (channel is required)');
    if (!raw.ownerEmployeeNo) fail('ownerEmployeeNo', '负责人工号必填 (owner employee number is required)');
    let phone: string | null = null;
    if (raw.contactPhone) {
      const parsed = normalisePhone(raw.contactPhone);
      if (parsed.ok) phone = parsed.value;
      else fail('contactPhone', `电话格式不对 (invalid phone)`);
    }
    if (phone && !raw.contactName) fail('contactName', '有电话时联系人姓名必填 (contact name is required with a phone)');
    const location = parseImportLocation(raw.lat ?? '', raw.lng ?? '');
    if (!location.ok) fail(location.field, LOCATION_REASONS[location.fault]);
    rows.push({
      rowNumber,
      name,
      salesChannel: raw.salesChannel ?? '',
      region: raw.region || null,
      industry: raw.industry || null,
      tags: list(raw.tags ?? ''),
      aliases: list(raw.aliases ?? ''),
      ownerEmployeeNo: raw.ownerEmployeeNo ?? '',
      contactName: raw.contactName || null,
      contactTitle: raw.contactTitle || null,
      contactPhone: phone,
      location: location.ok ? location.value : null,
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
