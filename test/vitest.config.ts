import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const rootDir = fileURLToPath(new URL('..', import.meta.url));

// SWC instead of esbuild: NestJS dependency injection needs decorator metadata,
// which esbuild does not emit.
const swcPlugin = () =>
  swc.vite({
    module: { type: 'es6' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
  });

export default defineConfig({
  root: rootDir,
  test: {
    projects: [
      {
        root: rootDir,
        plugins: [swcPlugin()],
        test: {
          name: 'unit',
          include: ['workflows/**/*.spec.ts', 'src/**/*.spec.ts'],
        },
      },
      {
        root: rootDir,
        plugins: [swcPlugin()],
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e-spec.ts'],
          // e2e suites each boot the whole app on their own database; run files one at a time.
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
