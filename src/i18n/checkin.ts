import type { MessageTable } from './types.js';

/** Visit check-ins: a location or photo attached to a visit, in chat or on the H5 visit form. */
export const CHECKIN_MESSAGES = {
  'checkin.noOpenVisit': {
    zh: '没有附加到任何拜访：位置或照片要在发送「拜访」后 30 分钟内、在同一对话里发送，才会记作该次拜访的签到。请先发送「拜访 客户名 …」，再发位置或照片；也可以在网页应用的拜访表单里签到。',
    en: 'Nothing was attached: a location or photo counts as a check-in only within 30 minutes after you log a visit (拜访) in this chat. Log the visit first ("visit <customer> …"), then send the location or photo, or check in from the visit form in the web app.',
  },
  'checkin.located': {
    zh: '已签到：拜访「{customer}」的位置距客户 {distance} 米，记为已核实（定位）。',
    en: 'Checked in: your location for the visit to "{customer}" is {distance} m from the customer, so the visit counts as verified (located).',
  },
  'checkin.far': {
    zh: '位置已附加到拜访「{customer}」，但距客户登记位置 {distance} 米，超过 {radius} 米：已标记为「距离过远」，该拜访未核实。',
    en: 'The location was attached to the visit to "{customer}", but it is {distance} m from the customer\'s location (more than {radius} m): flagged as too far, and the visit is not verified.',
  },
  'checkin.datumMismatch': {
    zh: '位置已附加到拜访「{customer}」，但它的坐标系与客户登记位置不同（或未知），无法比较：已标记为「坐标系不一致」，该拜访未核实。请在网页应用的拜访表单里签到。',
    en: 'The location was attached to the visit to "{customer}", but its coordinate system differs from the customer\'s (or is unknown), so they cannot be compared: flagged as a datum mismatch, and the visit is not verified. Check in from the visit form in the web app.',
  },
  'checkin.setsLocation': {
    zh: '位置已附加到拜访「{customer}」，并记为该客户的位置。这次拜访暂不算核实：经理确认，或下次签到与此位置一致后才算。',
    en: 'The location was attached to the visit to "{customer}" and saved as the customer\'s location. This visit is not verified yet: it needs a manager\'s confirmation, or a later check-in that agrees with this location.',
  },
  'checkin.photoAttached': { zh: '照片已附加到拜访「{customer}」。', en: 'The photo was attached to the visit to "{customer}".' },
  'checkin.photoTooLarge': { zh: '照片太大（最大 {maxKb} KB），没有保存。', en: 'The photo is too large (at most {maxKb} KB), so it was not saved.' },
  'checkin.photoNotImage': { zh: '只接受 JPEG、PNG 或 WebP 照片，没有保存。', en: 'Only JPEG, PNG or WebP photos are accepted, so it was not saved.' },
  'checkin.photoDownloadFailed': { zh: '照片下载失败，没有保存。请再发送一次。', en: 'The photo could not be downloaded, so it was not saved. Please send it again.' },
  'checkin.visitNotFound': { zh: '找不到这次拜访。', en: 'That visit was not found.' },
  'checkin.locationInvalid': { zh: '位置坐标无效。', en: 'The location coordinates are not valid.' },
} as const satisfies MessageTable;
