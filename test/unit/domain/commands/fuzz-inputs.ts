import fc from 'fast-check';

/**
 * Text the way phones, paste buffers and attackers send it: command words, amounts and dates mixed
 * with random unicode, emoji, RTL and zero-width marks, huge numbers and full-width forms.
 */
const PIECES = [
  '拜访', '成交', '回款', '商机', '满意度', '投诉', '培训', '客户', '联系人', '阶段',
  '华为', '腾讯', '万', '亿', '千万', 'w', 'k', '元', '块钱', '整', '¥', '￥', 'rmb', '人民币', '负', '-', '−',
  '点', '一万二', '三万', '两', '零', '〇', '十', '拾', '佰', '仟', '萬', '.', ',', '，', '、', ':', '：', '#',
  '昨天', '今天', '明天', '前天', '大后天', '下周三', '上周五', '月底', '3天前', '10天后', '月', '日', '号', '年',
  '11月31日', '2月29日', '2026-02-30', '2027-01-01', '0000-00-00', '9999-99-99', '12/25', '13/40',
  '小时', 'h', '分钟', 'min', '1.5h', '25小时', 'nps', '分', '处理中', '已解决', '线索', '赢单',
  '１２３', '５万', '　', ' ', '\t', '\n', '\u200b', '\u200d', '\u2060', '\ufeff', '\u200e', '\u200f', '\u202e', '\u2066',
  '😀', '👍🏽', '👨‍👩‍👧', '🇨🇳', 'Н', 'ｗ', 'Ｋ', '＃', '％', '\u0000', '\ud800', '\udfff', '<at id=all></at>', '[x](javascript:1)',
];

const hugeNumber = fc.oneof(
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.integer({ min: 1, max: 400 }).map((n) => '9'.repeat(n)),
  fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 12 })).map(([a, b, c]) => `${a}.${String(b).padStart(c, '0')}`),
  fc.double().map(String),
);

/** One piece of an input: a known token, a number, or random code points of any plane. */
const piece = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 2, arbitrary: hugeNumber },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
);

/** A whole input: pieces joined by nothing or by (full-width) spaces. */
export const fuzzText = (maxPieces = 12): fc.Arbitrary<string> =>
  fc.array(fc.tuple(piece, fc.constantFrom('', ' ', '　', ' ')), { maxLength: maxPieces }).map((parts) => parts.map(([p, sep]) => p + sep).join(''));

/** Form values: known field names (and stray ones) with fuzzed strings. */
export const fuzzValues = (names: readonly string[]): fc.Arbitrary<Record<string, string>> =>
  fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 4 })), fuzzText(6), { maxKeys: names.length + 1 });
