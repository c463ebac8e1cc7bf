import { Injectable, computed, signal } from '@angular/core';

const STORAGE_KEY = 'sluice.apiToken';

/**
 * The API token of this browser tab. sessionStorage keeps it across reloads but drops it when
 * the tab closes, so a token never outlives the session that pasted it.
 */
@Injectable({ providedIn: 'root' })
export class TokenStore {
  private readonly current = signal(sessionStore()?.getItem(STORAGE_KEY) ?? null);

  readonly token = this.current.asReadonly();
  readonly isSignedIn = computed(() => this.current() !== null);

  set(token: string): void {
    sessionStore()?.setItem(STORAGE_KEY, token);
    this.current.set(token);
  }

  clear(): void {
    sessionStore()?.removeItem(STORAGE_KEY);
    this.current.set(null);
  }
}

function sessionStore(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    // Browsers set to block site data throw SecurityError here; the token then lives in memory.
    return null;
  }
}
