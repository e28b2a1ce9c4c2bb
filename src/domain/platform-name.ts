/** The chat platforms a message can come from or go to (the adapters live in src/platforms). */
export type PlatformName = 'feishu' | 'dingtalk' | 'sandbox';
