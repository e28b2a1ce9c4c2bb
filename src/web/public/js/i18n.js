// Every sentence the pages show, Chinese first with English beside it. Server messages come
// already translated (the API reads the x-locale header).
const STRINGS = {
  appTitle: { zh: '销售考核', en: 'Sales KPI' },
  loading: { zh: '加载中…', en: 'Loading…' },
  logout: { zh: '退出', en: 'Log out' },
  langToggle: { zh: 'EN', en: '中文' },
  'nav.dashboard': { zh: '我的业绩', en: 'My KPI' },
  'nav.records': { zh: '我的记录', en: 'My records' },
  'nav.team': { zh: '团队', en: 'Team' },
  'login.title': { zh: '登录', en: 'Log in' },
  'login.inPlatform': { zh: '正在通过{platform}登录…', en: 'Logging in through {platform}…' },
  'login.devTitle': { zh: '沙盒登录（仅开发环境）', en: 'Sandbox login (development only)' },
  'login.devIntro': { zh: '选择一个身份进入：', en: 'Pick who you are:' },
  'login.none': { zh: '请在飞书或钉钉工作台中打开本应用。', en: 'Open this app from the Feishu or DingTalk workbench.' },
  'login.retry': { zh: '重试', en: 'Try again' },
  'platform.feishu': { zh: '飞书', en: 'Feishu' },
  'platform.dingtalk': { zh: '钉钉', en: 'DingTalk' },
  'role.rep': { zh: '业务员', en: 'Rep' },
  'role.manager': { zh: '经理', en: 'Manager' },
  'role.hr': { zh: 'HR', en: 'HR' },
  'role.admin': { zh: '管理员', en: 'Admin' },
  'period.week': { zh: '本周', en: 'This week' },
  'period.month': { zh: '本月', en: 'This month' },
  'period.quarter': { zh: '本季度', en: 'This quarter' },
  'score.title': { zh: '我的考核', en: 'My scorecard' },
  'score.of': { zh: '{name} 的业绩', en: 'KPI of {name}' },
  'score.none': { zh: '本周期没有你的考核（你不是业务员，或尚未入职）。', en: 'No scorecard for you in this period (not a rep, or not yet employed).' },
  'score.inProgress': { zh: '进行中，数据截至现在', en: 'In progress, data up to now' },
  'score.range': { zh: '{from} ~ {to}', en: '{from} – {to}' },
  'score.total': { zh: '总分', en: 'Total' },
  'score.lineTarget': { zh: '实际 {actual} / 目标 {target}', en: 'Actual {actual} / target {target}' },
  'score.contribution': { zh: '得分 {contribution}', en: '{contribution} pts' },
  'trend.title': { zh: '近 {weeks} 周趋势', en: 'Last {weeks} weeks' },
  'trend.visits': { zh: '拜访', en: 'Visits' },
  'trend.won': { zh: '成交额（万元）', en: 'Won (10k CNY)' },
  'trend.paid': { zh: '回款（万元）', en: 'Payments (10k CNY)' },
  'completeness.title': { zh: '资料完整度 {share}', en: 'Data completeness {share}' },
  'completeness.ok': { zh: '资料完整，没有缺项。', en: 'Complete, nothing missing.' },
  'list.sep': { zh: '、', en: ', ' },
  'visit.nextStepShown': { zh: '下一步：{step}', en: 'Next: {step}' },
  'completeness.missing': { zh: '{label}：缺 {fields}', en: '{label}: missing {fields}' },
  'field.channel': { zh: '渠道', en: 'channel' },
  'field.region': { zh: '地区', en: 'region' },
  'field.industry': { zh: '行业', en: 'industry' },
  'field.tags': { zh: '标签', en: 'tags' },
  'field.title': { zh: '职务/标题', en: 'title' },
  'field.phone': { zh: '电话', en: 'phone' },
  'field.expectedCloseDate': { zh: '预计成交日', en: 'expected close date' },
  'completeness.fix': { zh: '去补全', en: 'Fix' },
  'customer.editTitle': { zh: '补全客户资料', en: 'Complete customer details' },
  'entity.customer': { zh: '客户', en: 'Customers' },
  'entity.contact': { zh: '联系人', en: 'Contacts' },
  'entity.deal': { zh: '商机', en: 'Deals' },
  'records.visits': { zh: '拜访', en: 'Visits' },
  'records.customers': { zh: '客户', en: 'Customers' },
  'records.deals': { zh: '商机', en: 'Deals' },
  'records.search': { zh: '搜索客户、纪要…', en: 'Search customer, notes…' },
  'records.allChannels': { zh: '全部渠道', en: 'All channels' },
  'records.allStages': { zh: '全部阶段', en: 'All stages' },
  'records.tag': { zh: '标签', en: 'Tag' },
  'records.empty': { zh: '暂无记录', en: 'Nothing here yet' },
  'records.addVisit': { zh: '+ 记拜访', en: '+ Log a visit' },
  'records.addCustomer': { zh: '+ 新客户', en: '+ New customer' },
  'records.lastVisit': { zh: '最近拜访 {date}', en: 'Last visit {date}' },
  'records.noVisit': { zh: '尚未拜访', en: 'Not visited yet' },
  'visit.editTitle': { zh: '修改拜访', en: 'Edit visit' },
  'records.edit': { zh: '修改', en: 'Edit' },
  'visit.title': { zh: '记拜访', en: 'Log a visit' },
  'visit.customer': { zh: '客户', en: 'Customer' },
  'visit.pickCustomer': { zh: '请选择客户', en: 'Pick a customer' },
  'visit.date': { zh: '日期', en: 'Date' },
  'visit.kind': { zh: '方式', en: 'Kind' },
  'visit.notes': { zh: '纪要', en: 'Notes' },
  'visit.nextStep': { zh: '下一步', en: 'Next step' },
  'visit.nextStepDue': { zh: '下一步截止', en: 'Next step due' },
  'visit.saved': { zh: '拜访已保存', en: 'Visit saved' },
  'visitKind.onsite': { zh: '上门', en: 'On site' },
  'visitKind.phone': { zh: '电话', en: 'Phone' },
  'visitKind.video': { zh: '视频', en: 'Video' },
  'visitKind.other': { zh: '其他', en: 'Other' },
  'customer.title': { zh: '新客户', en: 'New customer' },
  'customer.name': { zh: '客户名称', en: 'Name' },
  'customer.channel': { zh: '渠道', en: 'Channel' },
  'customer.region': { zh: '地区', en: 'Region' },
  'customer.industry': { zh: '行业', en: 'Industry' },
  'customer.saved': { zh: '客户已添加', en: 'Customer added' },
  'form.save': { zh: '保存', en: 'Save' },
  'form.cancel': { zh: '取消', en: 'Cancel' },
  'stage.lead': { zh: '线索', en: 'Lead' },
  'stage.qualified': { zh: '需求确认', en: 'Qualified' },
  'stage.proposal': { zh: '方案/报价', en: 'Proposal' },
  'stage.negotiation': { zh: '谈判', en: 'Negotiation' },
  'stage.won': { zh: '赢单', en: 'Won' },
  'stage.lost': { zh: '输单', en: 'Lost' },
  'team.ranking': { zh: '团队排名', en: 'Team ranking' },
  'team.rank': { zh: '名次', en: 'Rank' },
  'team.name': { zh: '姓名', en: 'Name' },
  'team.team': { zh: '小组', en: 'Team' },
  'team.total': { zh: '总分', en: 'Total' },
  'team.grade': { zh: '等级', en: 'Grade' },
  'team.funnel': { zh: '商机漏斗（当前在手 + 本期成交/输单）', en: 'Pipeline (open now + won/lost this period)' },
  'team.deals': { zh: '个数', en: 'Deals' },
  'team.amount': { zh: '金额（万元）', en: 'Amount (10k CNY)' },
  'team.channels': { zh: '分渠道', en: 'By channel' },
  'team.channel': { zh: '渠道', en: 'Channel' },
  'team.noChannel': { zh: '未设渠道', en: 'No channel' },
  'team.visits': { zh: '拜访', en: 'Visits' },
  'team.newCustomers': { zh: '新客户', en: 'New customers' },
  'team.wonFen': { zh: '成交额', en: 'Won' },
  'team.conversion': { zh: '赢单率', en: 'Win rate' },
  'error.generic': { zh: '出错了：{message}', en: 'Something went wrong: {message}' },
};

const STORAGE_KEY = 'skb.locale';
let locale = localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';

export function getLocale() {
  return locale;
}

export function setLocale(next) {
  locale = next === 'en' ? 'en' : 'zh';
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
}

export function t(key, params = {}) {
  const entry = STRINGS[key];
  const template = entry ? entry[locale] : key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** Fen as 万元 with two decimals (the unit sales people talk in). */
export function wan(fen) {
  return (fen / 1_000_000).toFixed(2);
}

export function money(fen) {
  const yuan = fen / 100;
  return locale === 'zh' ? `¥${yuan.toLocaleString('zh-CN')}` : `CNY ${yuan.toLocaleString('en-US')}`;
}
