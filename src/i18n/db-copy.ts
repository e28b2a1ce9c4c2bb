import type { MessageTable } from './types.js';

/** `npm run cli -- db copy --to postgres://…`: its progress, its per-table report and its refusals. */
export const DB_COPY_MESSAGES = {
  'dbCopy.progress': { zh: '复制中', en: 'copying' },
  'dbCopy.reportHeader': { zh: '逐表核对：表 | SQLite 行数 | PostgreSQL 行数 | 金额合计', en: 'per-table check: table | SQLite rows | PostgreSQL rows | money sums' },
  'dbCopy.done': {
    zh: '已复制 {tables} 张表、{rows} 行，行数与金额合计全部一致',
    en: 'Copied {tables} tables, {rows} rows; every row count and money sum matches',
  },
  'dbCopy.mismatch': {
    zh: '核对不一致（见标 ✗ 的表），已回滚，目标数据库没有写入任何数据',
    en: 'The check found differences (tables marked ✗); the copy was rolled back and nothing was written',
  },
  'dbCopy.notEmpty': {
    zh: '目标数据库不是空的（{tables} 已有数据），未复制任何数据；请使用新建的空数据库',
    en: 'The target database is not empty ({tables} already have rows); nothing was copied. Use a new, empty database',
  },
  'dbCopy.missingTable': {
    zh: 'PostgreSQL 中没有表 {table}，未复制任何数据（迁移版本是否与 SQLite 一致？）',
    en: 'PostgreSQL has no table {table}; nothing was copied (do the migrations match the SQLite database?)',
  },
  'dbCopy.missingColumn': {
    zh: 'PostgreSQL 的表 {table} 中没有列 {column}，未复制任何数据（迁移版本是否与 SQLite 一致？）',
    en: 'PostgreSQL table {table} has no column {column}; nothing was copied (do the migrations match the SQLite database?)',
  },
  'dbCopy.noDatabase': { zh: 'SQLite 数据库不存在：{path}', en: 'There is no SQLite database at {path}' },
  'dbCopy.badUrl': { zh: '--to 需要 postgres:// 或 postgresql:// 开头的连接串', en: '--to needs a postgres:// or postgresql:// connection URL' },
} as const satisfies MessageTable;
