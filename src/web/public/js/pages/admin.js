import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { amountInput, amountOf } from './amount-input.js';
import { importTemplatesCard } from './import-templates.js';
import { payRuleSection } from './pay-rule-form.js';
import { effectiveText, ruleForm, weightsNote } from './rule-form.js';
import { verificationForm } from './verification-form.js';

/** Money targets are stored in fen and edited in 元 (exactly, see money.js); ratios in %; other units as they are. */
const fromInput = (unit, text) => {
  if (text.trim() === '') return undefined;
  const value = amountOf(unit, text);
  if (value === null) throw new Error(t('admin.amountInvalid', { value: text.trim() }));
  return value;
};
const unitLabel = (unit) => t(`unit.${unit}`);


/** Admin home: the KPI templates, and links to targets and operations. */
export async function adminPage(main) {
  const { templates } = await api('/admin/templates');
  mount(
    main,
    h(
      'section',
      { class: 'card', id: 'templates' },
      h('h2', {}, t('admin.templates')),
      templates.map((tpl) =>
        h('div', { class: 'list-item', 'data-template': tpl.code }, h('a', { href: `#/admin/template?code=${encodeURIComponent(tpl.code)}` }, h('strong', {}, tpl.name)), h('div', { class: 'muted' }, t('admin.templateMeta', { code: tpl.code, version: tpl.currentVersion ?? '—', versions: tpl.versions }))),
      ),
    ),
    h('section', { class: 'card' }, h('div', { class: 'row' }, h('a', { class: 'tag', href: '#/admin/targets' }, t('admin.targets')), h('a', { class: 'tag', href: '#/targets/departments' }, t('nav.orgTargets')), h('a', { class: 'tag', href: '#/admin/ops' }, t('admin.ops')), h('a', { class: 'tag', href: '#/admin/channels' }, t('admin.channels')), h('a', { class: 'tag', href: '#/admin/org-import' }, t('admin.orgImport')), h('a', { class: 'tag', href: '#/admin/alert-rules' }, t('admin.alertRules')))),
    importTemplatesCard(),
  );
}

function previewCard(result) {
  const changed = result.reps.filter((r) => r.total !== r.currentTotal || r.grade !== r.currentGrade).length;
  const counts = (d) => Object.entries(d.counts).sort(([a], [b]) => a.localeCompare(b)).map(([g, n]) => `${g} ${n}`).join(' · ') || '—';
  return h(
    'section',
    { class: 'card', id: 'preview' },
    h('h2', {}, t('admin.previewTitle', { period: result.period.key })),
    h('p', { class: 'muted', id: 'preview-summary' }, t('admin.previewSummary', { changed, total: result.reps.length })),
    h('div', { class: 'muted' }, `${t('admin.now')}：${counts(result.distribution.current)}`),
    h('div', {}, `${t('admin.after')}：${counts(result.distribution.preview)}`),
    result.distribution.preview.ok ? null : h('p', { class: 'error' }, t('admin.distributionOff')),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', {}, t('team.name')), h('th', { class: 'num' }, t('admin.now')), h('th', { class: 'num' }, t('admin.after')))),
      h(
        'tbody',
        {},
        result.reps.map((r) =>
          h('tr', { 'data-user': r.userId, class: r.total !== r.currentTotal ? 'changed' : '' }, h('td', {}, r.name), h('td', { class: 'num muted' }, `${r.currentTotal ?? '—'} ${r.currentGrade ?? ''}`), h('td', { class: 'num' }, h('strong', {}, `${r.total ?? '—'} ${r.grade ?? ''}`))),
        ),
      ),
    ),
  );
}

/**
 * One template: the version in force line by line (indicator, target, weight, rule) and its grade
 * bands. Weights, targets and band minimums are editable; 预览 scores this month with the edit, 保存
 * stores it as a new version from the next period.
 */
export async function templatePage(main, params) {
  const code = params.get('code') ?? '';
  const data = await api(`/admin/templates/${encodeURIComponent(code)}`);
  const content = data.current.content;
  const indicators = new Map(data.indicators.map((i) => [i.key, i]));
  const verifications = data.verifications ?? [];
  const error = h('p', { class: 'error', hidden: true });
  const notice = h('p', { class: 'notice', hidden: true });
  const previewSlot = h('div', {});
  const weightInputs = new Map();
  const targetInputs = new Map();
  const bandInputs = [];

  const ruleForms = new Map();
  const verifyForms = new Map();
  const weightsLine = h('p', { id: 'weights-note' });
  const isWeighted = (kind) => kind === 'linear' || kind === 'tiered';
  const refreshWeights = () => {
    const note = weightsNote(content.lines.filter((line) => isWeighted(ruleForms.get(line.id).kind.value)).map((line) => weightInputs.get(line.id).value));
    weightsLine.textContent = note.text;
    weightsLine.className = note.ok ? 'muted' : 'error';
  };

  const lineRows = content.lines.map((line) => {
    const indicator = indicators.get(line.indicator);
    const unit = indicator?.unit ?? 'count';
    const weighted = isWeighted(line.rule.kind);
    const weight = h('input', { type: 'number', min: 0, step: 'any', value: line.weight, 'data-weight': line.id, disabled: !weighted, oninput: () => refreshWeights() });
    const rule = ruleForm(line.rule, unit, line.id);
    const verify = verificationForm(line, unit, verifications);
    verifyForms.set(line.id, verify);
    rule.kind.addEventListener('change', () => {
      weight.disabled = !isWeighted(rule.kind.value);
      refreshWeights();
    });
    ruleForms.set(line.id, rule);
    const { input: target, shown } = amountInput(unit, line.target, null, { 'data-target': line.id });
    weightInputs.set(line.id, weight);
    targetInputs.set(line.id, { input: target, unit });
    return h(
      'div',
      { class: 'list-item', 'data-line': line.id },
      h('div', { class: 'row' }, h('strong', {}, indicator?.name ?? line.indicator), line.salesChannel ? h('span', { class: 'tag' }, line.salesChannel) : null, h('span', { class: 'muted' }, line.id)),
      rule.element,
      verify.element,
      h('div', { class: 'row filters' }, h('label', {}, t('admin.weight'), weight), h('label', {}, `${t('admin.target')}（${unitLabel(unit)}）`, target), shown),
    );
  });

  const bands = content.gradeBands.map((band, i) => {
    const input = h('input', { type: 'number', step: 'any', value: band.min, 'data-band': band.grade, disabled: i === content.gradeBands.length - 1 });
    bandInputs.push(input);
    return h('label', { class: 'band' }, `${band.grade} ≥ `, input);
  });

  const edited = () => ({
    ...content,
    lines: content.lines.map((line) => {
      const { input, unit } = targetInputs.get(line.id);
      const target = fromInput(unit, input.value);
      const { target: _old, verification: _rule, actualCap: _cap, ...rest } = line;
      const { verification, actualCap } = verifyForms.get(line.id).read();
      return {
        ...rest,
        weight: Number(weightInputs.get(line.id).value),
        rule: ruleForms.get(line.id).read(),
        ...(target === undefined ? {} : { target }),
        ...(verification ? { verification } : {}),
        ...(actualCap === undefined ? {} : { actualCap }),
      };
    }),
    gradeBands: content.gradeBands.map((band, i) => ({ grade: band.grade, min: Number(bandInputs[i].value) })),
  });

  const run = (fn) => async (e) => {
    e.target.disabled = true;
    error.hidden = true;
    notice.hidden = true;
    try {
      await fn();
    } catch (err) {
      error.hidden = false;
      error.textContent = err.message;
    } finally {
      e.target.disabled = false;
    }
  };
  const note = h('input', { id: 'version-note', maxlength: 200, placeholder: t('admin.note') });

  refreshWeights();
  mount(
    main,
    h('p', {}, h('a', { href: '#/admin' }, t('admin.back'))),
    h(
      'section',
      { class: 'card', id: 'template', 'data-version': data.current.version },
      h('h2', {}, `${content.name} · v${data.current.version}`),
      h('div', { class: 'muted', id: 'in-force' }, t('admin.inForce', { from: effectiveText(data.current.effectiveFrom), period: data.period.key })),
      h('div', { id: 'lines' }, lineRows),
      weightsLine,
      h('h2', { style: { marginTop: '12px' } }, t('admin.bands')),
      h('div', { class: 'row filters', id: 'bands' }, bands),
    ),
    h(
      'section',
      { class: 'card' },
      error,
      notice,
      h('div', { class: 'row' }, h('button', { type: 'button', id: 'preview-btn', onclick: run(async () => mount(previewSlot, previewCard(await api(`/admin/templates/${encodeURIComponent(code)}/preview`, { method: 'POST', body: { content: edited() } })))) }, t('admin.preview'))),
      h('div', { class: 'filters', style: { marginTop: '10px' } }, note),
      h(
        'div',
        { class: 'row', style: { marginTop: '8px' } },
        h(
          'button',
          {
            type: 'button',
            id: 'save-btn',
            class: 'primary',
            onclick: run(async () => {
              const saved = await api(`/admin/templates/${encodeURIComponent(code)}/versions`, { method: 'POST', body: { content: edited(), ...(note.value.trim() ? { note: note.value.trim() } : {}) } });
              notice.hidden = false;
              notice.textContent = t('admin.saved', { version: saved.version, from: effectiveText(saved.effectiveFrom) });
            }),
          },
          t('admin.save', { from: effectiveText(data.nextPeriodStart) }),
        ),
      ),
      h('div', { class: 'muted', id: 'versions' }, t('admin.versions', { list: data.versions.map((v) => `v${v.version} ${effectiveText(v.effectiveFrom)}`).join(' · ') })),
    ),
    previewSlot,
  );
  // The pay rule is versioned on its own (from the running period), so it has its own save.
  main.append(await payRuleSection(code, content.gradeBands.map((b) => b.grade)));
}
