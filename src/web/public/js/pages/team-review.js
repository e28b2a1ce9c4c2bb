import { api } from '../api.js';
import { h } from '../dom.js';
import { addStrings, t } from '../i18n.js';
import { guarded } from './admin-settings.js';

addStrings({
  'review.doubted': { zh: '存疑记录', en: 'Doubted records' },
  'review.noDoubted': { zh: '没有存疑的记录。', en: 'No doubted records.' },
  'review.kind.visit': { zh: '拜访', en: 'Visit' },
  'review.kind.training': { zh: '培训', en: 'Training' },
  'review.doubtedBy': { zh: '{name} 存疑', en: 'doubted by {name}' },
  'review.surveys': { zh: '客户满意度调查', en: 'Customer survey answers' },
  'review.noSurveys': { zh: '还没有客户的回答。', en: 'No customer answers yet.' },
  'review.date': { zh: '日期', en: 'Date' },
  'review.customer': { zh: '客户', en: 'Customer' },
  'review.rep': { zh: '负责人', en: 'Rep' },
  'review.score': { zh: '评分', en: 'Score' },
  'review.nps': { zh: 'NPS', en: 'NPS' },
  'review.comment': { zh: '留言', en: 'Comment' },
  'review.convert': { zh: '转为投诉', en: 'Turn into a complaint' },
  'review.converted': { zh: '已转为投诉 #{id}', en: 'Complaint #{id}' },
});

/** The team's visits and training a manager marked 存疑 (from the weekly digest), until confirmed. */
export function doubtedCard(records) {
  return h(
    'section',
    { class: 'card', id: 'doubted' },
    h('h2', {}, t('review.doubted')),
    records.length === 0
      ? h('p', { class: 'muted' }, t('review.noDoubted'))
      : h(
          'ul',
          {},
          records.map((r) =>
            h('li', { 'data-kind': r.kind, 'data-id': r.id }, `${r.date} · ${r.repName} · ${t(`review.kind.${r.kind}`)} ${r.subject}`, r.doubtedByName ? h('span', { class: 'muted' }, ` · ${t('review.doubtedBy', { name: r.doubtedByName })}`) : ''),
          ),
        ),
  );
}

function convertCell(answer, error) {
  if (answer.complaintId !== null) return h('span', { class: 'muted' }, t('review.converted', { id: answer.complaintId }));
  if (!answer.canConvert) return '';
  const cell = h('span', {});
  const convert = guarded(error, async () => {
    const { complaint } = await api(`/surveys/${answer.surveyId}/complaint`, { method: 'POST', body: {} });
    cell.replaceChildren(h('span', { class: 'muted' }, t('review.converted', { id: complaint.id })));
  });
  cell.append(h('button', { type: 'button', class: 'convert', onclick: convert }, t('review.convert')));
  return cell;
}

/** The customers' own answers (score, NPS, comment), with 转为投诉 where this manager may. */
export function surveysCard(answers) {
  const error = h('p', { class: 'error', hidden: true });
  const heads = ['review.date', 'review.customer', 'review.rep', 'review.score', 'review.nps', 'review.comment', ''];
  return h(
    'section',
    { class: 'card', id: 'surveys' },
    h('h2', {}, t('review.surveys')),
    error,
    answers.length === 0
      ? h('p', { class: 'muted' }, t('review.noSurveys'))
      : h(
          'table',
          {},
          h('thead', {}, h('tr', {}, heads.map((k) => h('th', {}, k ? t(k) : '')))),
          h(
            'tbody',
            {},
            answers.map((a) =>
              h(
                'tr',
                { 'data-survey': a.surveyId },
                h('td', {}, a.surveyedOn),
                h('td', {}, a.customerName),
                h('td', {}, a.repName),
                h('td', { class: 'num' }, `${a.score}/5`),
                h('td', { class: 'num' }, a.nps ?? '—'),
                h('td', {}, a.comment ?? ''),
                h('td', {}, convertCell(a, error)),
              ),
            ),
          ),
        ),
  );
}
