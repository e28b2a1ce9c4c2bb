import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';

const ENTITIES = ['assessment', 'assessment_result', 'kpi_template'];

/** What changed, briefly: the status move, a reason, an adjustment. */
function summary(entry) {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const parts = [];
  if (before.status !== after.status && after.status) parts.push(`${before.status ?? '—'} → ${after.status}`);
  if (after.adjustmentCenti !== undefined && after.adjustmentCenti !== before.adjustmentCenti) parts.push(`${after.adjustmentCenti / 100}`);
  if (after.adjustmentReason && after.adjustmentReason !== before.adjustmentReason) parts.push(after.adjustmentReason);
  if (after.reason) parts.push(after.reason);
  if (after.version !== undefined && entry.entity === 'kpi_template') parts.push(`v${after.version}`);
  return parts.join(' · ');
}

/** The audit log, read-only, filtered by entity and period (HR and admins). */
export async function auditPage(main, params) {
  const period = params.get('period') ?? '';
  const entity = ENTITIES.includes(params.get('entity')) ? params.get('entity') : '';
  const query = new URLSearchParams({ ...(period ? { period } : {}), ...(entity ? { entity } : {}) });
  const { entries } = await api(`/audit?${query}`);
  const periodInput = h('input', { type: 'month', id: 'audit-period', value: period });
  const entityInput = h('select', { id: 'audit-entity' }, h('option', { value: '' }, t('audit.allEntities')), ENTITIES.map((e) => h('option', { value: e, selected: e === entity }, t(`audit.entity.${e}`))));
  const apply = () => (location.hash = `#/assessments/audit?${new URLSearchParams({ ...(periodInput.value ? { period: periodInput.value } : {}), ...(entityInput.value ? { entity: entityInput.value } : {}) })}`);
  mount(
    main,
    h('section', { class: 'card' }, h('h2', {}, t('audit.title')), h('div', { class: 'row filters' }, periodInput, entityInput, h('button', { type: 'button', id: 'audit-apply', onclick: apply }, t('audit.filter')))),
    h(
      'section',
      { class: 'card', id: 'audit' },
      entries.length === 0
        ? h('p', { class: 'muted' }, t('audit.none'))
        : h(
            'table',
            {},
            h('thead', {}, h('tr', {}, ['audit.at', 'audit.actor', 'audit.action', 'audit.detail'].map((k) => h('th', {}, t(k))))),
            h(
              'tbody',
              {},
              entries.map((e) =>
                h('tr', { 'data-action': e.action, 'data-channel': e.channel }, h('td', { class: 'muted' }, e.at), h('td', {}, e.actor ?? t('audit.system'), h('div', { class: 'muted' }, e.channel)), h('td', {}, e.action, h('div', { class: 'muted' }, `${e.entity} #${e.entityId}`)), h('td', {}, summary(e))),
              ),
            ),
          ),
    ),
  );
}
