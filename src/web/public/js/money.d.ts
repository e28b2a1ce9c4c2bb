// Types for the tests that import the admin pages' amount helpers (money.js is served as is).
export function parseYuan(text: string): number | null;
export function yuanInput(fen: number | null | undefined): string;
export function yuanText(fen: number): string;
export function parsePercent(text: string): number | null;
export function percentInput(ratio: number | null | undefined): string;
