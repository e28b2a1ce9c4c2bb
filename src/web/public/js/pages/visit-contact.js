import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { addStrings, t } from '../i18n.js';

addStrings({
  'visit.recentGroup': { zh: '最近拜访', en: 'Recently visited' },
  'visit.ownGroup': { zh: '我负责的客户', en: 'My customers' },
  'visit.contact': { zh: '见了谁', en: 'Met' },
  'visit.contactNone': { zh: '（不选）', en: '(none)' },
  'visit.newContact': { zh: '或新增联系人：姓名', en: 'Or add a contact: name' },
  'visit.newContactTitle': { zh: '新联系人职务', en: 'New contact title' },
});

const option = (value, label) => h('option', { value }, label);

/** The customer select: the rep's recently visited customers first, then the rest of their own. */
export async function customerSelect(selected) {
  const { recent, all } = await api('/customer-picks');
  const recentIds = new Set(recent.map((c) => c.id));
  const pick = (c) => h('option', { value: c.id, selected: String(selected ?? '') === String(c.id) }, c.name);
  return h(
    'select',
    { id: 'v-customer', name: 'customerId', required: true },
    option('', t('visit.pickCustomer')),
    recent.length > 0 ? h('optgroup', { label: t('visit.recentGroup') }, recent.map(pick)) : null,
    h('optgroup', { label: t('visit.ownGroup') }, all.filter((c) => !recentIds.has(c.id)).map(pick)),
  );
}

/** "见了谁": the picked customer's contacts, reloaded when the customer changes, and a new contact's name and title. */
export function contactFields(customerSelectElement) {
  const contact = h('select', { id: 'v-contact', name: 'contact' }, option('', t('visit.contactNone')));
  const load = async () => {
    const id = Number(customerSelectElement.value);
    const { contacts } = id ? await api(`/customers/${id}/contacts`) : { contacts: [] };
    mount(contact, option('', t('visit.contactNone')), contacts.map((c) => option(String(c.id), c.title ? `${c.name}（${c.title}）` : c.name)));
  };
  customerSelectElement.addEventListener('change', () => void load());
  void load();
  return [
    h('label', { for: 'v-contact' }, t('visit.contact')),
    contact,
    h('label', { for: 'v-new-contact' }, t('visit.newContact')),
    h('input', { id: 'v-new-contact', name: 'newContact', maxlength: 60 }),
    h('label', { for: 'v-contact-title' }, t('visit.newContactTitle')),
    h('input', { id: 'v-contact-title', name: 'contactTitle', maxlength: 60 }),
  ];
}
