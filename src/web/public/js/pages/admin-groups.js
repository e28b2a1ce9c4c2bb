import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { guarded } from './admin-settings.js';

/** Team group chats bound with 绑定群: per-group top N and 喜报 switch, and remove. */
export async function groupBindsSection(reload, error) {
  const { groupBinds } = await api('/admin/group-binds');
  const change = (g, body, key) => async () => {
    await api(`/admin/group-binds/${g.id}`, body ? { method: 'PATCH', body } : { method: 'DELETE' });
    return reload(t(key, { name: g.department }));
  };
  return h(
    'section',
    { class: 'card', id: 'group-binds' },
    h('h2', {}, t('admin.groups')),
    h('p', { class: 'muted' }, t('admin.groupsHint')),
    groupBinds.length === 0 ? h('p', { class: 'muted' }, t('admin.groupsNone')) : null,
    groupBinds.map((g) => {
      const topN = h('input', { type: 'number', min: 1, max: 20, value: g.topN, 'data-top-n': g.id });
      return h(
        'div',
        { class: 'list-item', 'data-group-bind': g.id },
        h('div', { class: 'row' }, h('strong', {}, g.department), h('span', { class: 'tag' }, t(`admin.groupPlatform.${g.platform}`)), g.gone ? h('span', { class: 'tag' }, t('admin.groupGone')) : null, h('span', { class: 'muted' }, g.chatId)),
        h(
          'div',
          { class: 'row filters' },
          topN,
          h('button', { type: 'button', class: 'top-n', onclick: guarded(error, async () => change(g, { topN: Number(topN.value) }, 'admin.groupSaved')()) }, t('admin.groupTopN')),
          h('button', { type: 'button', class: 'win-posts', onclick: guarded(error, change(g, { winPosts: !g.winPosts }, 'admin.groupSaved')) }, t(g.winPosts ? 'admin.groupWinOff' : 'admin.groupWinOn')),
          h('button', { type: 'button', class: 'remove', onclick: guarded(error, change(g, null, 'admin.groupRemoved')) }, t('admin.groupRemove')),
        ),
      );
    }),
  );
}
