import { describe, expect, it } from 'vitest';
import { CARD_TEMPLATES } from '../../../../cards/index.js';
import type { CardModel } from '../../../../src/domain/card-model.js';
import { cardBytes, FEISHU_CARD_MAX_BYTES, renderFeishuCard, type FeishuCardJson } from '../../../../src/platforms/feishu/render-card.js';

const OPTIONS = { publicBaseUrl: 'https://kpi.example.com' };

type Node = Record<string, unknown>;

function walk(elements: Node[], visit: (node: Node, inForm: boolean) => void, inForm = false): void {
  for (const node of elements) {
    visit(node, inForm);
    if (Array.isArray(node.elements)) walk(node.elements as Node[], visit, inForm || node.tag === 'form');
    if (Array.isArray(node.columns)) walk(node.columns as Node[], visit, inForm);
  }
}

/** The structural rules Feishu enforces on card JSON 2.0 (see shared/platforms/feishu.md §4). */
function feishuCardProblems(card: FeishuCardJson): string[] {
  const problems: string[] = [];
  if (card.schema !== '2.0') problems.push('schema must be "2.0"');
  if (card.config?.update_multi !== true) problems.push('config.update_multi must be true');
  if ('elements' in card || 'wide_screen_mode' in (card.config ?? {})) problems.push('1.0-only fields present');
  const header = card.header as { title?: { tag?: string; content?: string } };
  if (!header.title?.content || !['plain_text', 'lark_md'].includes(header.title.tag ?? '')) problems.push('header.title missing');
  if (cardBytes(card) > FEISHU_CARD_MAX_BYTES) problems.push('card over 30 KB');
  let components = 0;
  const names = new Set<string>();
  walk(card.body.elements, (node, inForm) => {
    components += 1;
    if (node.tag === 'form' && inForm) problems.push('form nested in a form');
    const interactive = ['input', 'select_static', 'multi_select_static', 'date_picker', 'picker_time', 'picker_datetime', 'button'].includes(String(node.tag));
    if (interactive && typeof node.name === 'string') {
      if (names.has(node.name)) problems.push(`duplicate component name ${node.name}`);
      names.add(node.name);
    }
    if (interactive && inForm && typeof node.name !== 'string') problems.push(`form component ${String(node.tag)} without name (200530)`);
    if (node.tag === 'button' && !Array.isArray(node.behaviors)) problems.push('button without behaviors');
  });
  if (components > 200) problems.push('more than 200 components');
  for (const node of card.body.elements) {
    if (node.tag !== 'form') continue;
    const submit = (node.elements as Node[]).filter((child) => child.tag === 'button' && child.form_action_type === 'submit');
    if (submit.length === 0) problems.push(`form ${String(node.name)} has no submit button`);
  }
  return problems;
}

describe('Feishu card JSON 2.0 for every template', () => {
  for (const template of CARD_TEMPLATES) {
    for (const locale of ['zh', 'en'] as const) {
      it(`${template.id} (${locale}) matches its snapshot and is valid 2.0`, () => {
        const { card, text } = renderFeishuCard(template.build(template.example, locale), OPTIONS);
        expect(feishuCardProblems(card)).toEqual([]);
        expect(card).toMatchSnapshot();
        expect(text.length).toBeGreaterThan(0);
      });
    }
  }
});

describe('renderFeishuCard', () => {
  const formCard: CardModel = {
    template: 'visit-form',
    title: '记录拜访',
    color: 'blue',
    elements: [
      { type: 'markdown', text: '请填写拜访信息' },
      {
        type: 'form',
        name: 'visit_form',
        inputs: [
          { name: 'customer', label: '客户', kind: 'text', required: true },
          { name: 'visit_date', label: '日期', kind: 'date', required: true, value: '2026-11-27' },
          { name: 'stage', label: '阶段', kind: 'select', options: [{ label: '初访', value: 'first' }] },
          { name: 'notes', label: '备注', kind: 'textarea' },
        ],
        submit: { label: '提交', action: { command: 'visit.submit', args: { draft: '7' } }, style: 'primary' },
      },
      { type: 'actions', buttons: [{ label: '取消', action: { command: 'visit.cancel', args: {} } }, { label: '帮助', action: { command: 'help', args: {} } }] },
    ],
  };

  it('renders a form with named inputs and a submit button whose callback carries the command', () => {
    const { card } = renderFeishuCard(formCard, OPTIONS);
    expect(feishuCardProblems(card)).toEqual([]);
    const form = card.body.elements.find((e) => e.tag === 'form') as { elements: Node[] };
    const submit = form.elements.find((e) => e.form_action_type === 'submit');
    expect(submit).toMatchObject({ tag: 'button', name: 'visit_form_submit', behaviors: [{ type: 'callback', value: { command: 'visit.submit', args: { draft: '7' } } }] });
    expect(form.elements.find((e) => e.name === 'visit_date')).toMatchObject({ tag: 'date_picker', initial_date: '2026-11-27', required: true });
    expect(form.elements.find((e) => e.name === 'stage')).toMatchObject({ tag: 'select_static' });
  });

  it('cuts a card that would pass 30 KB and links to the full view', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${i + 1}. 业务员${i} — 得分 ${90 - (i % 50)}`).join('\n');
    const { card, text } = renderFeishuCard({ template: 'ranking', title: '排行榜', elements: [{ type: 'markdown', text: rows }, { type: 'note', text: 'end' }] }, OPTIONS);
    expect(cardBytes(card)).toBeLessThanOrEqual(FEISHU_CARD_MAX_BYTES);
    expect(feishuCardProblems(card)).toEqual([]);
    const last = card.body.elements.at(-1) as { content: string };
    expect(last.content).toContain('https://kpi.example.com/');
    expect(JSON.stringify(card)).toContain('1. 业务员0');
    expect(text).toContain('3000. 业务员2999');
  });
});
