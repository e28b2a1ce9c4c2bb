import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { money, t } from '../i18n.js';
import { checkinSection } from './checkin.js';
import { contactFields, customerSelect } from './visit-contact.js';

const TABS = ['visits', 'customers', 'deals'];
const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];
const VISIT_KINDS = ['onsite', 'phone', 'video', 'other'];

const option = (value, label, selected) => h('option', { value, selected: String(selected ?? '') === String(value) }, label);

function itemOf(tab, row) {
  if (tab === 'visits') {
    return h(
      'div',
      { class: 'list-item', 'data-visit': row.id },
      h(
        'div',
        { class: 'row' },
        h('strong', {}, row.customerName),
        h('span', { class: 'muted' }, `${row.visitDate} · ${t(`visitKind.${row.kind}`)}`),
        row.salesChannelName ? h('span', { class: 'tag' }, row.salesChannelName) : null,
        h('span', { class: 'spacer' }),
        h('a', { href: `#/records/edit-visit?id=${row.id}`, class: 'edit' }, t('records.edit')),
      ),
      row.notes ? h('div', {}, row.notes) : null,
      h('div', { class: 'muted' }, row.repName, row.nextStep ? ` · ${t('visit.nextStepShown', { step: row.nextStep })}` : ''),
    );
  }
  if (tab === 'customers') {
    return h(
      'div',
      { class: 'list-item', 'data-customer': row.id },
      h('div', { class: 'row' }, h('strong', {}, row.name), row.salesChannelName ? h('span', { class: 'tag' }, row.salesChannelName) : null, row.tags.map((tag) => h('span', { class: 'tag' }, tag))),
      h('div', { class: 'muted' }, [row.region, row.industry, row.ownerName].filter(Boolean).join(' · '), ' · ', row.lastVisitDate ? t('records.lastVisit', { date: row.lastVisitDate }) : t('records.noVisit')),
    );
  }
  return h(
    'div',
    { class: 'list-item', 'data-deal': row.id },
    h('div', { class: 'row' }, h('strong', {}, row.customerName), row.title ? h('span', {}, row.title) : null, h('span', { class: 'tag' }, t(`stage.${row.stage}`))),
    h('div', { class: 'muted' }, money(row.amountFen), ' · ', row.repName, row.expectedCloseDate ? ` · ${row.expectedCloseDate}` : ''),
  );
}

/** My visits, customers and deals, with search and filters kept in the URL (so a link can carry them). */
export async function recordsPage(main, params) {
  const tab = TABS.includes(params.get('tab')) ? params.get('tab') : 'visits';
  const query = new URLSearchParams();
  for (const key of ['q', 'salesChannelId', 'stage', 'tag']) if (params.get(key)) query.set(key, params.get(key));
  const [{ salesChannels }, list] = await Promise.all([api('/channels'), api(`/${tab}?${query}`)]);
  const rows = list[tab];

  const apply = (form) => {
    const next = new URLSearchParams({ tab });
    for (const [key, value] of new FormData(form)) if (value) next.set(key, value);
    location.hash = `#/records?${next}`;
  };
  const filters = h(
    'form',
    { class: 'row filters', id: 'filters', onsubmit: (e) => (e.preventDefault(), apply(e.target)) },
    h('input', { name: 'q', type: 'search', placeholder: t('records.search'), value: params.get('q') ?? '' }),
    h('select', { name: 'salesChannelId', onchange: (e) => apply(e.target.form) }, option('', t('records.allChannels')), salesChannels.map((c) => option(c.id, c.name, params.get('salesChannelId')))),
    tab === 'deals' ? h('select', { name: 'stage', onchange: (e) => apply(e.target.form) }, option('', t('records.allStages')), STAGES.map((s) => option(s, t(`stage.${s}`), params.get('stage')))) : null,
    tab === 'customers' ? h('input', { name: 'tag', placeholder: t('records.tag'), value: params.get('tag') ?? '', style: { maxWidth: '90px' } }) : null,
  );

  mount(
    main,
    h(
      'div',
      { class: 'row', style: { marginBottom: '10px' } },
      TABS.map((name) => h('a', { href: `#/records?tab=${name}`, class: name === tab ? 'tag active' : 'tag' }, t(`records.${name}`))),
      h('span', { class: 'spacer' }),
      h('a', { href: '#/records/new-visit', id: 'add-visit' }, h('button', { type: 'button', class: 'primary' }, t('records.addVisit'))),
      h('a', { href: '#/records/new-customer' }, h('button', { type: 'button' }, t('records.addCustomer'))),
      h('a', { href: '#/records/new-deal', id: 'add-deal' }, h('button', { type: 'button' }, t('records.addDeal'))),
    ),
    params.get('saved') ? h('p', { class: 'notice' }, t({ customer: 'customer.saved', deal: 'deal.saved' }[params.get('saved')] ?? 'visit.saved')) : null,
    params.get('progress') ? h('p', { class: 'notice', id: 'saved-progress' }, params.get('progress')) : null,
    params.get('checkin') ? h('p', { class: 'notice', id: 'checkin-said' }, params.get('checkin')) : null,
    h('section', { class: 'card' }, filters, h('div', { id: 'list' }, rows.length === 0 ? h('p', { class: 'muted' }, t('records.empty')) : rows.map((row) => itemOf(tab, row)))),
  );
}

function field(label, input) {
  return [h('label', { for: input.id }, label), input];
}

/** Submits a form to the API; shows the server's (localised) reason on refusal and keeps the input. */
function submitter(form, error, send) {
  return async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    error.hidden = true;
    try {
      await send(Object.fromEntries(new FormData(form)));
    } catch (e) {
      error.hidden = false;
      error.textContent = e.message;
    } finally {
      button.disabled = false;
    }
  };
}

/** Logs a visit, or (with ?id=) edits one: the customer of a stored visit does not change. */
async function visitForm(main, params, existing) {
  // "Today" is the server's business date (APP_TIMEZONE), not the phone's.
  const [customerPicker, { today }] = await Promise.all([existing ? null : customerSelect(params.get('customerId')), api('/me')]);
  const error = h('p', { class: 'error', hidden: true });
  // One token per opened form: a double tap stores one visit.
  const token = crypto.randomUUID();
  const checkin = checkinSection();
  const customerInput = existing
    ? h('input', { id: 'v-customer', value: existing.customerName, readonly: true })
    : customerPicker;
  const form = h(
    'form',
    { class: 'stack card', id: 'visit-form' },
    h('h2', {}, t(existing ? 'visit.editTitle' : 'visit.title')),
    error,
    field(t('visit.customer'), customerInput),
    field(t('visit.date'), h('input', { id: 'v-date', name: 'visitDate', type: 'date', value: existing?.visitDate ?? today, max: today })),
    field(t('visit.kind'), h('select', { id: 'v-kind', name: 'kind' }, VISIT_KINDS.map((k) => option(k, t(`visitKind.${k}`), existing?.kind ?? 'onsite')))),
    existing ? null : contactFields(customerPicker),
    field(t('visit.notes'), h('textarea', { id: 'v-notes', name: 'notes', rows: 3, maxlength: 2000 }, existing?.notes ?? '')),
    field(t('visit.nextStep'), h('input', { id: 'v-next', name: 'nextStep', maxlength: 200, value: existing?.nextStep })),
    field(t('visit.nextStepDue'), h('input', { id: 'v-due', name: 'nextStepDue', type: 'date', value: existing?.nextStepDue })),
    checkin.element,
    h('div', { class: 'row', style: { marginTop: '14px' } }, h('button', { type: 'submit', class: 'primary' }, t('form.save')), h('a', { href: '#/records' }, t('form.cancel'))),
  );
  form.addEventListener(
    'submit',
    submitter(form, error, async (values) => {
      const body = { kind: values.kind, visitDate: values.visitDate, notes: values.notes, nextStep: values.nextStep, nextStepDue: values.nextStepDue };
      if (existing) await api(`/visits/${existing.id}`, { method: 'PATCH', body });
      const contact = { contact: values.contact || undefined, newContact: values.newContact || undefined, contactTitle: values.contactTitle || undefined };
      const created = existing ? undefined : await api('/visits', { method: 'POST', body: { ...body, ...contact, token, customerId: Number(values.customerId) } });
      const visitId = existing ? existing.id : created?.visit?.id;
      // The check-in goes once the visit has an id; its sentences (located, too far …) and the month's
      // progress travel in the URL to the list the page returns to.
      const said = checkin.pending() && visitId ? await checkin.send(visitId) : [];
      const query = { tab: 'visits', saved: 'visit', ...(created?.progress ? { progress: created.progress } : {}), ...(said.length ? { checkin: said.join(' ') } : {}) };
      location.hash = `#/records?${new URLSearchParams(query)}`;
    }),
  );
  mount(main, form);
}

export const newVisitPage = (main, params) => visitForm(main, params, null);

/** A new deal or opportunity: amount as people write it (5万, 50000), stage, expected close. */
export async function newDealPage(main, params) {
  const { customers } = await api('/customers');
  const error = h('p', { class: 'error', hidden: true });
  const token = crypto.randomUUID();
  const form = h(
    'form',
    { class: 'stack card', id: 'deal-form' },
    h('h2', {}, t('deal.title')),
    error,
    field(t('visit.customer'), h('select', { id: 'd-customer', name: 'customerId', required: true }, option('', t('visit.pickCustomer')), customers.map((c) => option(c.id, c.name, params.get('customerId'))))),
    field(t('deal.amount'), h('input', { id: 'd-amount', name: 'amount', required: true, placeholder: '5万 / 50000', maxlength: 30 })),
    field(t('deal.stage'), h('select', { id: 'd-stage', name: 'stage' }, STAGES.map((s) => option(s, t(`stage.${s}`), 'lead')))),
    field(t('deal.expectedClose'), h('input', { id: 'd-close', name: 'expectedCloseDate', type: 'date' })),
    field(t('deal.titleField'), h('input', { id: 'd-title', name: 'title', maxlength: 100 })),
    h('div', { class: 'row', style: { marginTop: '14px' } }, h('button', { type: 'submit', class: 'primary' }, t('form.save')), h('a', { href: '#/records?tab=deals' }, t('form.cancel'))),
  );
  form.addEventListener(
    'submit',
    submitter(form, error, async (values) => {
      const body = { customerId: Number(values.customerId), amount: values.amount, stage: values.stage, title: values.title || undefined, expectedCloseDate: values.expectedCloseDate || undefined, token };
      await api('/deals', { method: 'POST', body });
      location.hash = '#/records?tab=deals&saved=deal';
    }),
  );
  mount(main, form);
}

export async function editVisitPage(main, params) {
  const { visit } = await api(`/visits/${Number(params.get('id'))}`);
  return visitForm(main, params, visit);
}

/** A new customer, or (with ?id=) the details of an existing one: the name stays, the rest can be completed. */
async function customerForm(main, existing) {
  const [{ salesChannels }, me] = await Promise.all([api('/channels'), existing ? api('/me') : null]);
  // Only a manager or an admin may mark a customer confidential (the API refuses anyone else).
  const marksConfidential = Boolean(existing && me?.user?.roles?.some((r) => r === 'manager' || r === 'admin'));
  const error = h('p', { class: 'error', hidden: true });
  const form = h(
    'form',
    { class: 'stack card', id: 'customer-form' },
    h('h2', {}, t(existing ? 'customer.editTitle' : 'customer.title')),
    error,
    field(t('customer.name'), h('input', { id: 'c-name', name: 'name', required: true, maxlength: 100, value: existing?.name, readonly: Boolean(existing) })),
    field(t('customer.channel'), h('select', { id: 'c-channel', name: 'salesChannelId', required: true }, option('', '—'), salesChannels.map((c) => option(c.id, c.name, existing?.salesChannelId)))),
    field(t('customer.region'), h('input', { id: 'c-region', name: 'region', maxlength: 50, value: existing?.region })),
    field(t('customer.industry'), h('input', { id: 'c-industry', name: 'industry', maxlength: 50, value: existing?.industry })),
    marksConfidential ? h('label', { class: 'row' }, h('input', { type: 'checkbox', id: 'c-confidential', name: 'confidential', checked: Boolean(existing.confidential) }), t('customer.confidential')) : null,
    h('div', { class: 'row', style: { marginTop: '14px' } }, h('button', { type: 'submit', class: 'primary' }, t('form.save')), h('a', { href: '#/records?tab=customers' }, t('form.cancel'))),
  );
  form.addEventListener(
    'submit',
    submitter(form, error, async (values) => {
      const body = { salesChannelId: Number(values.salesChannelId), region: values.region, industry: values.industry };
      const confidential = form.querySelector('#c-confidential')?.checked;
      if (existing) await api(`/customers/${existing.id}`, { method: 'PATCH', body: marksConfidential && confidential !== Boolean(existing.confidential) ? { ...body, confidential } : body });
      else await api('/customers', { method: 'POST', body: { ...body, name: values.name } });
      location.hash = existing ? '#/dashboard' : '#/records?tab=customers&saved=customer';
    }),
  );
  mount(main, form);
}

export const newCustomerPage = (main) => customerForm(main, null);

export async function editCustomerPage(main, params) {
  const { customer } = await api(`/customers/${Number(params.get('id'))}`);
  return customerForm(main, customer);
}
