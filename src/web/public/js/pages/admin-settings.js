import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { apiUpload, uploadStatus } from '../upload.js';
import { groupBindsSection } from './admin-groups.js';

const backLink = () => h('p', {}, h('a', { href: '#/admin' }, t('admin.back')));

/** Runs a page action with its button disabled; a refusal shows the server's reason. */
export const guarded = (error, fn) => async (e) => {
  const button = e.currentTarget ?? e.target;
  button.disabled = true;
  error.hidden = true;
  try {
    await fn();
  } catch (err) {
    error.hidden = false;
    error.textContent = err.message;
  } finally {
    button.disabled = false;
  }
};

/** Sales channels: add, rename, deactivate (never delete: customers keep their channel), reactivate. */
export async function salesChannelsPage(main, _params, notice) {
  const { salesChannels } = await api('/admin/channels');
  const error = h('p', { class: 'error', hidden: true });
  const reload = (message) => salesChannelsPage(main, _params, message);
  const newName = h('input', { id: 'channel-new', maxlength: 30, placeholder: t('admin.channelName') });
  const groups = await groupBindsSection(reload, error);
  mount(
    main,
    backLink(),
    h(
      'section',
      { class: 'card', id: 'channels' },
      h('h2', {}, t('admin.channels')),
      h('p', { class: 'muted' }, t('admin.channelsHint')),
      notice ? h('p', { class: 'notice' }, notice) : null,
      error,
      salesChannels.map((c) => {
        const name = h('input', { value: c.name, maxlength: 30, 'data-name': c.id });
        return h(
          'div',
          { class: 'list-item', 'data-sales-channel': c.id, 'data-active': String(c.active) },
          h('div', { class: 'row' }, h('strong', {}, c.name), c.active ? null : h('span', { class: 'tag' }, t('admin.channelInactive')), h('span', { class: 'muted' }, `${c.code} · ${t('admin.channelCustomers', { count: c.customers })}`)),
          c.aliases.length ? h('div', { class: 'muted' }, t('admin.channelAliases', { list: c.aliases.join('、') })) : null,
          h(
            'div',
            { class: 'row filters' },
            name,
            h('button', { type: 'button', class: 'rename', onclick: guarded(error, async () => reload(t('admin.channelRenamed', { name: (await api(`/admin/channels/${c.id}`, { method: 'PATCH', body: { name: name.value } })).salesChannel.name }))) }, t('admin.rename')),
            h(
              'button',
              { type: 'button', class: 'toggle', onclick: guarded(error, async () => reload(t(c.active ? 'admin.channelDeactivated' : 'admin.channelActivated', { name: (await api(`/admin/channels/${c.id}`, { method: 'PATCH', body: { active: !c.active } })).salesChannel.name }))) },
              t(c.active ? 'admin.deactivate' : 'admin.activate'),
            ),
          ),
        );
      }),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('admin.channelAdd')),
      h('div', { class: 'row filters' }, newName, h('button', { type: 'button', class: 'primary', id: 'channel-add', onclick: guarded(error, async () => reload(t('admin.channelAdded', { name: (await api('/admin/channels', { method: 'POST', body: { name: newName.value } })).salesChannel.name }))) }, t('admin.add'))),
    ),
    groups,
  );
}

/** The file as base64 (the API takes JSON, so the CSRF header and the zod schema apply as on every write). */
export function fileAsBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new window.FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Org import: upload .xlsx/.csv; all rows are written or none, and every bad row is listed with its number. */
export async function orgImportPage(main) {
  const error = h('p', { class: 'error', hidden: true });
  const result = h('div', { id: 'import-result' });
  const file = h('input', { type: 'file', id: 'org-file', accept: '.xlsx,.csv' });
  const status = uploadStatus('import-progress');
  const upload = guarded(error, async () => {
    mount(result);
    const chosen = file.files?.[0];
    if (!chosen) throw new Error(t('admin.importChoose'));
    try {
      const answer = await apiUpload('/admin/org/import', { fileName: chosen.name, content: await fileAsBase64(chosen) }, status.show);
      mount(result, h('p', { class: 'notice', id: 'import-ok' }, t('admin.importDone', answer)));
    } catch (err) {
      const rows = err.body?.errors;
      if (!Array.isArray(rows)) throw err;
      mount(
        result,
        h('p', { class: 'error', id: 'import-failed' }, t('admin.importFailed', { count: rows.length + (err.body.moreErrors ?? 0) })),
        h('table', { id: 'import-errors' }, h('thead', {}, h('tr', {}, h('th', { class: 'num' }, t('admin.importRow')), h('th', {}, t('admin.importReason')))), h('tbody', {}, rows.map((r) => h('tr', { 'data-row': r.rowNumber }, h('td', { class: 'num' }, r.rowNumber), h('td', {}, r.reason))))),
      );
    } finally {
      status.hide();
    }
  });
  mount(
    main,
    backLink(),
    h(
      'section',
      { class: 'card', id: 'org-import' },
      h('h2', {}, t('admin.orgImport')),
      h('p', { class: 'muted' }, t('admin.importHint')),
      h('div', { class: 'row filters' }, file, h('button', { type: 'button', class: 'primary', id: 'import-btn', onclick: upload }, t('admin.importUpload'))),
      status.el,
      error,
      result,
    ),
  );
}

/** Alert rules: each threshold's environment default and the admin's override (blank = default, 0 = off). */
export async function alertRulesPage(main, _params, notice) {
  const { rules } = await api('/admin/alert-rules');
  const error = h('p', { class: 'error', hidden: true });
  const inputs = new Map();
  const save = guarded(error, async () => {
    const body = Object.fromEntries([...inputs].map(([key, input]) => [key, input.value.trim() === '' ? null : Number(input.value)]));
    const answer = await api('/admin/alert-rules', { method: 'PUT', body });
    await alertRulesPage(main, _params, t('admin.alertsSaved', { count: answer.changed }));
  });
  mount(
    main,
    backLink(),
    h(
      'section',
      { class: 'card', id: 'alert-rules' },
      h('h2', {}, t('admin.alertRules')),
      h('p', { class: 'muted' }, t('admin.alertsHint')),
      notice ? h('p', { class: 'notice' }, notice) : null,
      error,
      rules.map((rule) => {
        const input = h('input', { type: 'number', min: 0, max: rule.max, step: 1, value: rule.override ?? '', placeholder: String(rule.default), 'data-rule': rule.key });
        inputs.set(rule.key, input);
        return h(
          'div',
          { class: 'list-item', 'data-rule': rule.key, 'data-value': rule.value },
          h('div', { class: 'row' }, h('strong', {}, t(`alertRule.${rule.key}`)), rule.value === 0 ? h('span', { class: 'tag' }, t('admin.alertOff')) : null),
          h('div', { class: 'row filters' }, input),
          h('div', { class: 'muted' }, t('admin.alertDefault', { value: rule.default, env: rule.env, max: rule.max })),
        );
      }),
      h('button', { type: 'button', class: 'primary', id: 'save-alerts', onclick: save }, t('form.save')),
    ),
  );
}
