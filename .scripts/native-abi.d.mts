// Types for native-abi.mjs, so the TypeScript unit test can import it.
export function abiFromBinary(bytes: Uint8Array): number | 'napi' | null;
export function abiFromMarker(marker: unknown, stat: { size: number; mtimeMs: number }): number | null;
export type NativePlan = { kind: 'ok'; reason: string } | { kind: 'from-cache'; reason: string } | { kind: 'rebuild'; reason: string };
export function planNative(s: { runtime: 'node' | 'electron'; want: number; found: number | 'napi' | null; exists: boolean; cached: boolean }): NativePlan;
export function cacheKey(k: { version: string; platform: string; arch: string; abi: number }): string;
export function electronRebuildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
