import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { addStrings, t } from '../i18n.js';
import { fileAsBase64, guarded } from './admin-settings.js';
import { apiUpload, uploadStatus } from '../upload.js';

addStrings({
  'finance.title': { zh: '回款核对', en: 'Payment review' },
  'finance.rules': { zh: '自动匹配：同一客户，金额相差不超过 ¥{toleranceYuan}，日期相差不超过 {days} 天', en: 'Auto match: same customer, amount within ¥{toleranceYuan}, date within {days} days' },
  'finance.import': { zh: '导入银行流水 / ERP 回款', en: 'Import bank receipts / ERP payments' },
  'finance.importHint': { zh: '.xlsx 或 .csv，列：日期、客户、金额、单号、备注；同一单号不会重复导入', en: '.xlsx or .csv with 日期, 客户, 金额, 单号, 备注; a 单号 is never imported twice' },
  'finance.source.bank': { zh: '银行流水', en: 'Bank' },
  'finance.source.erp': { zh: 'ERP 导出', en: 'ERP export' },
  'finance.upload': { zh: '导入', en: 'Import' },
  'finance.choose': { zh: '请选择文件', en: 'Choose a file' },
  'finance.imported': { zh: '新增 {added} 条（已导入过 {alreadyImported} 条），自动确认 {matched} 笔，待核对 {ambiguous} 笔', en: '{added} added ({alreadyImported} already imported), {matched} confirmed, {ambiguous} to review' },
  'finance.importFailed': { zh: '{count} 行有误，未导入任何数据', en: '{count} rows are wrong; nothing was imported' },
  'finance.ambiguous': { zh: '多笔可能匹配', en: 'Several possible matches' },
  'finance.unmatchedReceipts': { zh: '未匹配的流水', en: 'Unmatched receipts' },
  'finance.unmatchedClaims': { zh: '未匹配的回款申报', en: 'Unmatched claims' },
  'finance.none': { zh: '无', en: 'None' },
  'finance.pick': { zh: '就是这笔', en: 'This one' },
  'finance.pickClaim': { zh: '选择对应的回款申报', en: 'Pick the claim it pays' },
  'finance.match': { zh: '匹配', en: 'Match' },
  'finance.reject': { zh: '驳回', en: 'Reject' },
  'finance.rejectReason': { zh: '驳回原因', en: 'Reason' },
  'finance.matched': { zh: '已确认：流水 {reference} ↔ {customerName} ¥{amountYuan}', en: 'Confirmed: receipt {reference} ↔ {customerName} ¥{amountYuan}' },
  'finance.rejected': { zh: '已驳回 {repName} 的 {customerName} ¥{amountYuan}', en: 'Rejected {repName}’s {customerName} ¥{amountYuan}' },
});

const receiptLine = (r) => `${r.receivedOn} · ${r.reference} · ${r.customerName} · ¥${r.amountYuan}${r.note ? ` · ${r.note}` : ''}`;
const claimLine = (c) => `${c.paidOn} · ${c.repName} · ${c.customerName} · ¥${c.amountYuan}`;

/**
 * 回款核对 (finance and admins): import a statement; the receipts several claims fit, the receipts
 * and the claims nothing fits. Finance picks the claim a receipt pays, or rejects a claim with a reason.
 */
export async function financePage(main, params) {
  const review = await api('/finance/review');
  const error = h('p', { class: 'error', hidden: true });
  const notice = params?.get('notice');
  const reload = (text) => {
    location.hash = `#/finance?notice=${encodeURIComponent(text)}&at=${Date.now()}`;
  };
  const doMatch = async (receipt, claim) => {
    await api(`/finance/receipts/${receipt.id}/match`, { method: 'POST', body: { paymentId: claim.id } });
    reload(t('finance.matched', { ...claim, reference: receipt.reference }));
  };
  const match = (receipt, claim) => guarded(error, () => doMatch(receipt, claim));

  const file = h('input', { type: 'file', id: 'receipt-file', accept: '.xlsx,.csv' });
  const source = h('select', { id: 'receipt-source' }, ['bank', 'erp'].map((s) => h('option', { value: s }, t(`finance.source.${s}`))));
  const result = h('div', { id: 'receipt-result' });
  const status = uploadStatus('receipt-progress');
  const upload = guarded(error, async () => {
    const chosen = file.files?.[0];
    if (!chosen) throw new Error(t('finance.choose'));
    try {
      const answer = await apiUpload('/finance/receipts/import', { fileName: chosen.name, source: source.value, content: await fileAsBase64(chosen) }, status.show);
      reload(t('finance.imported', answer));
    } catch (err) {
      const rows = err.body?.errors;
      if (!Array.isArray(rows)) throw err;
      mount(result, h('p', { class: 'error', id: 'receipt-failed' }, t('finance.importFailed', { count: rows.length + (err.body.moreErrors ?? 0) })), h('ul', {}, rows.map((r) => h('li', { 'data-row': r.rowNumber }, `${r.rowNumber}: ${r.reason}`))));
    } finally {
      status.hide();
    }
  });

  const list = (id, title, items, render) => h('section', { class: 'card', id }, h('h2', {}, `${t(title)}（${items.length}）`), items.length === 0 ? h('p', { class: 'muted' }, t('finance.none')) : h('ul', { class: 'plain' }, items.map(render)));

  mount(
    main,
    h(
      'section',
      { class: 'card', id: 'finance-import' },
      h('h2', {}, t('finance.title')),
      notice ? h('p', { class: 'notice', id: 'finance-notice' }, notice) : null,
      h('p', { class: 'muted' }, t('finance.rules', review.rules)),
      h('h3', {}, t('finance.import')),
      h('p', { class: 'muted' }, t('finance.importHint')),
      h('div', { class: 'row filters' }, source, file, h('button', { type: 'button', class: 'primary', id: 'receipt-upload', onclick: upload }, t('finance.upload'))),
      status.el,
      error,
      result,
    ),
    list('finance-ambiguous', 'finance.ambiguous', review.ambiguous, (a) =>
      h('li', { 'data-receipt': a.receipt.id }, h('div', {}, receiptLine(a.receipt)), a.candidates.map((c) => h('div', { class: 'row' }, h('span', { class: 'muted' }, claimLine(c)), h('button', { type: 'button', 'data-claim': c.id, onclick: match(a.receipt, c) }, t('finance.pick'))))),
    ),
    list('finance-receipts', 'finance.unmatchedReceipts', review.unmatchedReceipts, (r) => {
      const pick = h('select', { 'aria-label': t('finance.pickClaim') }, h('option', { value: '' }, t('finance.pickClaim')), review.openClaims.map((c) => h('option', { value: c.id }, claimLine(c))));
      const byHand = guarded(error, async () => {
        const claim = review.openClaims.find((c) => String(c.id) === pick.value);
        if (!claim) throw new Error(t('finance.pickClaim'));
        await doMatch(r, claim);
      });
      return h('li', { 'data-receipt': r.id }, h('div', {}, receiptLine(r)), h('div', { class: 'row' }, pick, h('button', { type: 'button', class: 'match', onclick: byHand }, t('finance.match'))));
    }),
    list('finance-claims', 'finance.unmatchedClaims', review.unmatchedClaims, (c) => {
      const reason = h('input', { type: 'text', placeholder: t('finance.rejectReason'), maxlength: 200 });
      const reject = guarded(error, async () => {
        await api(`/finance/claims/${c.id}/reject`, { method: 'POST', body: { reason: reason.value || t('finance.reject') } });
        reload(t('finance.rejected', c));
      });
      return h('li', { 'data-claim': c.id }, h('div', {}, claimLine(c)), h('div', { class: 'row' }, reason, h('button', { type: 'button', class: 'reject', onclick: reject }, t('finance.reject'))));
    }),
  );
}
