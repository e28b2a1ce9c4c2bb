import { businessDateOf } from '../../domain/period.js';
import { writeXlsx } from './tabular.js';

/** The imports an admin can fill in from a template. */
export const IMPORT_TEMPLATE_KINDS = ['org', 'customers', 'targets', 'history'] as const;
export type ImportTemplateKind = (typeof IMPORT_TEMPLATE_KINDS)[number];

interface TemplateSheet {
  sheet: string;
  headers: string[];
  example: (month: string) => string[];
}

/**
 * Each template's headers (the Chinese ones its import reads) and one example row that imports as it
 * is into the demo org: amounts as people write them (10万), the target's period the month in progress
 * (a closed period's targets cannot change).
 */
const SHEETS: Record<ImportTemplateKind, TemplateSheet> = {
  org: {
    sheet: '组织架构',
    headers: ['部门', '姓名', '工号', '角色', '上级工号', '部门负责人', '手机', '邮箱', '在职', '入职日期'],
    example: () => ['销售部/华东一组', '示例员工', 'S900', 'rep', 'S100', '否', '13800000000', 'example@example.com', '是', '2026-01-05'],
  },
  customers: {
    sheet: '客户',
    // 纬度/经度 are optional, GCJ-02 (as Chinese maps show them): a check-in near them is `located`.
    headers: ['客户名称', '渠道', '地区', '行业', '标签', '别名', '负责人工号', '联系人', '职务', '电话', '纬度', '经度'],
    example: () => ['示例科技有限公司', '直销', '上海', '制造业', '重点客户', '示例科技', 'S101', '周经理', '采购经理', '13900000000', '31.2304', '121.4737'],
  },
  targets: {
    sheet: '个人目标',
    headers: ['工号', '周期', '指标', '目标'],
    example: (month) => ['S101', month, '回款额', '10万'],
  },
  // A won deal on the first of this month (history dates cannot be in the future), for a demo customer.
  history: {
    sheet: '历史记录',
    headers: ['类型', '日期', '客户', '业务员工号', '金额', '备注'],
    example: (month) => ['签约', `${month}-01`, '华为技术有限公司', 'S101', '10万', '示例：年度框架合同'],
  },
};

export function isImportTemplateKind(kind: string): kind is ImportTemplateKind {
  return (IMPORT_TEMPLATE_KINDS as readonly string[]).includes(kind);
}

/** The template workbook of an import: its headers and one example row. */
export async function importTemplateWorkbook(kind: ImportTemplateKind, context: { now: number; zone: string }): Promise<{ buffer: Buffer; fileName: string }> {
  const { sheet, headers, example } = SHEETS[kind];
  const month = businessDateOf(context.now, context.zone).slice(0, 7);
  return { buffer: await writeXlsx(sheet, headers, [example(month)]), fileName: `import-template-${kind}.xlsx` };
}
