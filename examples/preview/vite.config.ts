// npm run preview (dev server) and npm run preview:build (static build into examples/preview/dist).
// `anychannel` resolves to the repo's source entries, so the page always shows the current code.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const repo = fileURLToPath(new URL('../..', import.meta.url))

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: {
    alias: [
      { find: /^anychannel$/, replacement: `${repo}src/index.ts` },
      { find: /^anychannel\/sms$/, replacement: `${repo}src/sms/index.ts` },
    ],
  },
  server: { fs: { allow: [repo] } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
})
