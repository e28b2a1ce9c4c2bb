import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { addStrings, t } from '../i18n.js';

addStrings({
  'audit.allPeople': { zh: '全部人员', en: 'Everyone' },
  'audit.showSystem': { zh: '显示系统记录', en: 'Show system rows' },
  'audit.allEntities': { zh: '全部对象', en: 'All entities' },
  'audit.entity.assessment': { zh: '部门考核', en: 'Assessment' },
  'audit.entity.assessment_result': { zh: '个人结果', en: 'Result' },
  'audit.entity.kpi_template': { zh: 'KPI 模板', en: 'KPI template' },
  'audit.actor': { zh: '操作人', en: 'Who' },
  'audit.action': { zh: '动作', en: 'Action' },
  'audit.source': { zh: '渠道', en: 'Channel' },
  'audit.detail': { zh: '内容', en: 'Detail' },
  'audit.system': { zh: '系统', en: 'System' },
  'audit.none': { zh: '没有记录', en: 'Nothing logged' },
  'audit.filter': { zh: '筛选', en: 'Filter' },
});

const ENTITIES = ['assessment', 'assessment_result', 'kpi_template'];

/**
 * The audit log, read-only (HR and admins): newest first, one sentence per row (written by the
 * server in the page's language), filtered by period, entity and person; the rows without an acting
 * person (demo seed, imports, jobs) only when asked.
 */
export async function auditPage(main, params) {
  const period = params.get('period') ?? '';
  const entity = ENTITIES.includes(params.get('entity')) ? params.get('entity') : '';
  const person = /^\d+$/.test(params.get('person') ?? '') ? params.get('person') : '';
  const system = params.get('system') === 'true';
  const filters = (p, e, who, sys) => new URLSearchParams({ ...(p ? { period: p } : {}), ...(e ? { entity: e } : {}), ...(who ? { person: who } : {}), ...(sys ? { system: 'true' } : {}) });
  const { entries, people } = await api(`/audit?${filters(period, entity, person, system)}`);
  const periodInput = h('input', { type: 'month', id: 'audit-period', value: period, style: { minWidth: '10em' } });
  const entityInput = h('select', { id: 'audit-entity' }, h('option', { value: '' }, t('audit.allEntities')), ENTITIES.map((e) => h('option', { value: e, selected: e === entity }, t(`audit.entity.${e}`))));
  const personInput = h('select', { id: 'audit-person' }, h('option', { value: '' }, t('audit.allPeople')), people.map((p) => h('option', { value: p.id, selected: String(p.id) === person }, p.name)));
  const systemInput = h('input', { type: 'checkbox', id: 'audit-system', checked: system });
  const apply = () => (location.hash = `#/assessments/audit?${filters(periodInput.value, entityInput.value, personInput.value, systemInput.checked)}`);
  mount(
    main,
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('audit.title')),
      h('div', { class: 'row filters' }, periodInput, entityInput, personInput, h('label', { class: 'row' }, systemInput, t('audit.showSystem')), h('button', { type: 'button', id: 'audit-apply', onclick: apply }, t('audit.filter'))),
    ),
    h(
      'section',
      { class: 'card', id: 'audit' },
      entries.length === 0
        ? h('p', { class: 'muted' }, t('audit.none'))
        : h(
            'table',
            {},
            h('thead', {}, h('tr', {}, ['audit.at', 'audit.detail'].map((k) => h('th', {}, t(k))))),
            h(
              'tbody',
              {},
              entries.map((e) =>
                h(
                  'tr',
                  { 'data-action': e.action, 'data-source': e.source, 'data-system': String(e.system) },
                  h('td', { class: 'muted' }, e.at),
                  h('td', {}, h('div', { class: 'line' }, e.line), h('div', { class: 'muted' }, `${e.action} · ${e.entity} #${e.entityId} · ${e.source}`)),
                ),
              ),
            ),
          ),
    ),
  );
}
