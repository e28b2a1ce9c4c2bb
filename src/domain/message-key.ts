/**
 * The keys of the message tables, without the tables: the domain names a sentence by its key and
 * src/i18n, which holds the sentences, fills this interface in (module augmentation in
 * src/i18n/index.ts). So a key the domain returns is still checked by the compiler, while the
 * domain imports nothing from src/i18n.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by src/i18n
export interface MessageKeys {}

export type MessageKey = keyof MessageKeys & string;
