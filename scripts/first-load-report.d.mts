import type { Plugin } from 'vite';

export function firstLoadReport(): Plugin;
