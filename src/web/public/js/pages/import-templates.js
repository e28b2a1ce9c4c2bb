import { h } from '../dom.js';
import { addStrings, t } from '../i18n.js';

addStrings({
  'importTemplates.title': { zh: '导入模板', en: 'Import templates' },
  'importTemplates.hint': { zh: '下载 Excel 模板（表头 + 一行示例），按示例填写后导入', en: 'Download an Excel template (headers and one example row), fill it in like the example, then import it' },
  'importTemplates.org': { zh: '组织架构模板', en: 'Org template' },
  'importTemplates.customers': { zh: '客户模板', en: 'Customers template' },
  'importTemplates.targets': { zh: '个人目标模板', en: 'Per-rep targets template' },
  'importTemplates.history': { zh: '历史记录模板', en: 'History template' },
});

const KINDS = ['org', 'customers', 'targets', 'history'];

/** The admin home's links to each import's template workbook. */
export function importTemplatesCard() {
  return h(
    'section',
    { class: 'card', id: 'import-templates' },
    h('h2', {}, t('importTemplates.title')),
    h('p', { class: 'muted' }, t('importTemplates.hint')),
    h('div', { class: 'row' }, KINDS.map((kind) => h('a', { class: 'tag', id: `template-${kind}`, href: `/api/admin/import-templates/${kind}.xlsx`, download: `import-template-${kind}.xlsx` }, t(`importTemplates.${kind}`)))),
  );
}
