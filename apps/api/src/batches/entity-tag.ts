import { createHash } from 'node:crypto';

import type { Request, Response } from 'express';

/** Strong tag of a response body: the same body gives the same tag in every API process. */
export function entityTag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Whether `If-None-Match` names the tag; GET compares weakly, so a `W/` prefix is ignored. */
export function isTagMatched(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;

  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === tag);
}

/**
 * Sends `body` as JSON tagged from its exact bytes, or 304 without a body when the client
 * already holds that tag: a client polling an unchanged batch downloads nothing.
 */
export function sendTagged(request: Request, response: Response, body: unknown): void {
  const json = JSON.stringify(body);
  const tag = entityTag(json);
  response.setHeader('ETag', tag);
  // Clients may keep the answer but must ask again before using it.
  response.setHeader('Cache-Control', 'private, no-cache');
  if (isTagMatched(request.headers['if-none-match'], tag)) {
    response.status(304).end();
    return;
  }
  response.status(200).type('application/json').send(json);
}
