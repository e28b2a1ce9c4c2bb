import { apiErrorOf, csrfHeader } from './api.js';
import { h } from './dom.js';
import { addStrings, getLocale, t } from './i18n.js';

addStrings({
  'upload.sending': { zh: '上传中 {percent}%', en: 'Uploading {percent}%' },
  'upload.processing': { zh: '已上传，正在处理…', en: 'Uploaded, processing…' },
  'upload.network': { zh: '网络错误，上传未完成', en: 'Network error: the upload did not finish' },
});

/**
 * POST a JSON body like api(), with progress: fetch reports none for uploads, XMLHttpRequest's
 * upload.onprogress does. onProgress gets {phase: 'upload', loaded, total} while the body goes out,
 * then {phase: 'processing'} until the answer arrives. Answers and errors are api()'s.
 */
export function apiUpload(path, body, onProgress, Request = window.XMLHttpRequest) {
  return new Promise((resolve, reject) => {
    const xhr = new Request();
    xhr.open('POST', `/api${path}`);
    xhr.withCredentials = true;
    const headers = { 'x-locale': getLocale(), 'content-type': 'application/json', ...csrfHeader() };
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ phase: 'upload', loaded: event.loaded, total: event.total });
    };
    xhr.upload.onload = () => onProgress({ phase: 'processing' });
    xhr.onload = () => {
      let data = {};
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy's error page): the status says what happened.
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(apiErrorOf(xhr.status, xhr.statusText, data));
    };
    xhr.onerror = () => reject(new Error(t('upload.network')));
    xhr.send(JSON.stringify(body));
  });
}

/** A progress bar and its words for an upload: a percentage while sending, then an indeterminate "processing". */
export function uploadStatus(id) {
  const bar = h('progress', { max: 100, value: 0 });
  const text = h('span', {});
  const el = h('p', { class: 'muted upload-status', id, hidden: true, 'aria-live': 'polite' }, bar, ' ', text);
  return {
    el,
    show(progress) {
      el.hidden = false;
      if (progress.phase === 'upload') {
        const percent = progress.total > 0 ? Math.round((progress.loaded * 100) / progress.total) : 0;
        bar.value = percent;
        text.textContent = t('upload.sending', { percent });
      } else {
        // Without a value a <progress> is indeterminate: the server reports no steps to the page.
        bar.removeAttribute('value');
        text.textContent = t('upload.processing');
      }
    },
    hide() {
      el.hidden = true;
    },
  };
}
