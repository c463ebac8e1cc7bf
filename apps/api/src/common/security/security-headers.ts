import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { HelmetOptions } from 'helmet';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/** CSP sources allowing exactly the inline scripts of a page, by the hash of their text. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)]
    .filter(([, text]) => text.trim().length > 0)
    .map(([, text]) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`);
}

/**
 * Helmet's defaults with two changes. `upgrade-insecure-requests` is dropped: `npm start` and
 * private deployments serve the console over plain HTTP, where upgrading its requests to HTTPS
 * breaks it. And the console's build inlines one script (it switches the stylesheet on once
 * loaded), allowed by its hash so no other inline script can run.
 */
export function securityHeaders(adminDistDir: string | undefined): HelmetOptions {
  const indexPage = adminDistDir ? join(adminDistDir, 'index.html') : undefined;
  // Without a built console there is no page whose scripts need allowing.
  const consoleScripts =
    indexPage && existsSync(indexPage) ? inlineScriptHashes(readFileSync(indexPage, 'utf8')) : [];

  return {
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", ...consoleScripts],
        'upgrade-insecure-requests': null,
      },
    },
  };
}
