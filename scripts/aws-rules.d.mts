// Types for scripts/aws-rules.mjs, which the tests import.
export const OUTPUT: string;
export const WANTED: Record<string, { model: string; members: string[] }>;
export function botocoreData(): string;
export function extractRules(data?: string): { services: Record<string, { model: string; members: Record<string, unknown> }>; passwordClasses: Record<string, string> };
export function renderRules(rules: ReturnType<typeof extractRules>): string;
