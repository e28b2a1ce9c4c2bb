import { ApiError, api, csrfHeader } from '../api.js';
import { h } from '../dom.js';
import { addStrings, getLocale, t } from '../i18n.js';

addStrings({
  'checkin.title': { zh: '签到', en: 'Check in' },
  'checkin.locate': { zh: '获取当前位置', en: 'Use my location' },
  'checkin.locating': { zh: '正在定位…', en: 'Locating…' },
  'checkin.located': { zh: '已获取位置（精度约 {accuracy} 米），保存时一并签到', en: 'Location taken (about {accuracy} m); it is sent when you save' },
  'checkin.noLocation': { zh: '无法获取位置：请在飞书或钉钉中打开本页，并允许定位', en: 'No location: open this page in Feishu or DingTalk and allow location access' },
  'checkin.photo': { zh: '拍照或选择照片', en: 'Take or choose a photo' },
  'checkin.photoPicked': { zh: '已选择照片（{kb} KB），保存时一并上传', en: 'Photo chosen ({kb} KB); it is uploaded when you save' },
  'checkin.photoType': { zh: '只接受 JPEG、PNG 或 WebP 照片', en: 'Only JPEG, PNG or WebP photos' },
});

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/**
 * The client's location in GCJ-02. Feishu: tt.getLocation({type: 'gcj02'}). DingTalk: dd.getLocation
 * with coordinate '1' (高德 = GCJ-02), else the older dd.device.geolocation.get({coordinate: 1})
 * (dingtalk-jsapi typings: "1:获取高德坐标, 0:获取标准坐标"). A plain browser's
 * navigator.geolocation gives WGS-84 and is sent as such: the server never compares it with GCJ-02.
 */
function getLocation() {
  return new Promise((resolve, reject) => {
    const gcj = (res) =>
      resolve({ lat: Number(res.latitude), lng: Number(res.longitude), datum: 'gcj02', ...(res.accuracy !== undefined ? { accuracy: Number(res.accuracy) } : {}), ...(res.address ? { address: String(res.address).slice(0, 200) } : {}) });
    const dd = window.dd;
    if (window.tt?.getLocation) return window.tt.getLocation({ type: 'gcj02', success: gcj, fail: reject });
    if (dd?.getLocation) return dd.getLocation({ type: 1, coordinate: '1', useCache: false, withReGeocode: true, targetAccuracy: '200', success: gcj, fail: reject });
    if (dd?.device?.geolocation?.get) return dd.device.geolocation.get({ targetAccuracy: 200, coordinate: 1, withReGeocode: true, useCache: false, onSuccess: gcj, onFail: reject });
    if (navigator.geolocation) {
      return navigator.geolocation.getCurrentPosition((p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy, datum: 'wgs84' }), reject, { enableHighAccuracy: true, timeout: 15000 });
    }
    return reject(new Error('no location API'));
  });
}

/**
 * The visit form's check-in block: a location and a photo taken now, sent once the visit is saved
 * (a new visit has no id before). Returns the element and `send(visitId)`, which answers the server's
 * sentence for each check-in (located, too far, …).
 */
export function checkinSection() {
  let point = null;
  let photo = null;
  const status = h('p', { class: 'muted', id: 'checkin-status' });
  const locate = h('button', { type: 'button', id: 'checkin-locate' }, t('checkin.locate'));
  const picker = h('input', { type: 'file', id: 'checkin-photo', accept: 'image/*', capture: 'environment' });
  locate.addEventListener('click', async () => {
    status.textContent = t('checkin.locating');
    try {
      point = await getLocation();
      status.textContent = t('checkin.located', { accuracy: Math.round(point.accuracy ?? 0) });
    } catch {
      status.textContent = t('checkin.noLocation');
    }
  });
  picker.addEventListener('change', () => {
    const file = picker.files?.[0] ?? null;
    photo = null;
    if (!file) return;
    if (!PHOTO_TYPES.includes(file.type)) status.textContent = t('checkin.photoType');
    else {
      photo = file;
      status.textContent = t('checkin.photoPicked', { kb: Math.ceil(file.size / 1024) });
    }
  });
  const element = h('fieldset', { class: 'stack', id: 'checkin' }, h('legend', {}, t('checkin.title')), h('div', { class: 'row' }, locate, h('label', {}, t('checkin.photo'), picker)), status);

  async function send(visitId) {
    const said = [];
    if (point) said.push((await api(`/visits/${visitId}/checkin`, { method: 'POST', body: point })).message);
    if (photo) {
      const form = new FormData();
      form.append('photo', photo, photo.name);
      const response = await fetch(`/api/visits/${visitId}/photo`, { method: 'POST', body: form, credentials: 'same-origin', headers: { ...csrfHeader(), 'x-locale': getLocale() } });
      const data = await response.json().catch(() => ({}));
      if (!response.ok) throw new ApiError(response.status, data.error ?? `HTTP_${response.status}`, data.message ?? response.statusText, undefined, data);
      said.push(data.message);
    }
    return said;
  }
  return { element, send, pending: () => Boolean(point || photo) };
}
