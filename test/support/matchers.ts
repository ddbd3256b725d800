import { expect } from 'vitest';

/** `expect.any(String)` typed as a string, so object literals holding it stay well typed. */
export const anyString = (): string => expect.any(String) as string;
