import { api, setCsrfToken } from './api.js';
import { h, mount } from './dom.js';
import { t } from './i18n.js';

// The platforms' JSSDKs, loaded only inside their apps (the sandbox and tests never fetch them).
const FEISHU_SDK = 'https://lf1-cdn-tos.bytegoofy.com/goofy/lark/op/h5-js-sdk-1.5.26.js';
const DINGTALK_SDK = 'https://g.alicdn.com/dingding/dingtalk-jsapi/2.10.3/dingtalk.open.js';

export function detectPlatform(userAgent = navigator.userAgent) {
  if (/Lark|Feishu/i.test(userAgent)) return 'feishu';
  if (/DingTalk/i.test(userAgent)) return 'dingtalk';
  return null;
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = h('script', { src });
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(script);
  });
}

/** Feishu: tt.requestAccess (client ≥ 6.9), else tt.requestAuthCode; the code is single use. */
async function feishuCode(appId) {
  await loadScript(FEISHU_SDK);
  await new Promise((resolve) => window.h5sdk.ready(resolve));
  return new Promise((resolve, reject) => {
    const success = ({ code }) => resolve(code);
    const fail = (error) => reject(new Error(error?.errMsg ?? JSON.stringify(error)));
    if (typeof window.tt.requestAccess === 'function') {
      window.tt.requestAccess({ appID: appId, scopeList: [], success, fail });
    } else {
      window.tt.requestAuthCode({ appId, success, fail });
    }
  });
}

/** DingTalk: dd.requestAuthCode({corpId, clientId}), else the legacy runtime.permission call. */
async function dingtalkCode(clientId, corpId) {
  await loadScript(DINGTALK_SDK);
  const dd = window.dd;
  if (typeof dd.requestAuthCode === 'function') return (await dd.requestAuthCode({ corpId, clientId })).code;
  return new Promise((resolve, reject) => dd.runtime.permission.requestAuthCode({ corpId, onSuccess: ({ code }) => resolve(code), onFail: reject }));
}

/** Resolves with {user, csrfToken} once logged in (the page re-renders after). */
export async function logIn(main) {
  const options = await api('/login/options');
  const platform = detectPlatform();
  if (platform === 'feishu' && options.feishu) return platformLogin(main, 'feishu', () => feishuCode(options.feishu.appId));
  if (platform === 'dingtalk' && options.dingtalk) return platformLogin(main, 'dingtalk', () => dingtalkCode(options.dingtalk.clientId, options.dingtalk.corpId));
  if (options.devLogin) return devLogin(main);
  mount(main, h('div', { class: 'card' }, h('p', {}, t('login.none'))));
  return new Promise(() => {});
}

async function platformLogin(main, platform, getCode) {
  mount(main, h('div', { class: 'card' }, h('p', {}, t('login.inPlatform', { platform: t(`platform.${platform}`) }))));
  try {
    const session = await api(`/login/${platform}`, { method: 'POST', body: { code: await getCode() } });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    // A code is single use: retrying asks the platform for a fresh one.
    return new Promise((resolve) => {
      mount(main, h('div', { class: 'card' }, h('p', { class: 'error' }, error.message), h('button', { onclick: () => resolve(platformLogin(main, platform, getCode)) }, t('login.retry'))));
    });
  }
}

async function devLogin(main) {
  const { users } = await api('/login/dev/users');
  return new Promise((resolve) => {
    const error = h('p', { class: 'error', hidden: true });
    const pick = async (employeeNo) => {
      try {
        const session = await api('/login/dev', { method: 'POST', body: { employeeNo } });
        setCsrfToken(session.csrfToken);
        resolve(session);
      } catch (e) {
        error.hidden = false;
        error.textContent = e.message;
      }
    };
    mount(
      main,
      h(
        'div',
        { class: 'card' },
        h('h2', {}, t('login.devTitle')),
        h('p', { class: 'muted' }, t('login.devIntro')),
        error,
        h(
          'div',
          { class: 'users' },
          users.map((u) =>
            h('button', { type: 'button', 'data-employee-no': u.employeeNo, onclick: () => pick(u.employeeNo) }, `${u.name} `, h('span', { class: 'muted' }, `${u.employeeNo} · ${u.roles.map((r) => t(`role.${r}`)).join('/')}`)),
          ),
        ),
      ),
    );
  });
}
