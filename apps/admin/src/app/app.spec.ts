import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';

import { App } from './app';
import { TokenStore } from './core/auth/token-store';
import { buttonNamed } from './testing/dom';
import { navigationEnd } from './testing/navigation';
import { consoleTestProviders } from './testing/test-providers';

describe(App.name, () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: consoleTestProviders(),
    });
  });

  afterEach(() => sessionStorage.clear());

  it('forgets the token and opens sign-in when the operator signs out', async () => {
    TestBed.inject(TokenStore).set('token-123');
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const navigated = navigationEnd(TestBed.inject(Router));

    buttonNamed(fixture.nativeElement, 'Sign out').click();
    await navigated;
    await fixture.whenStable();

    expect(sessionStorage.getItem('sluice.apiToken')).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/sign-in');
    expect(() => buttonNamed(fixture.nativeElement, 'Sign out')).toThrow();
  });
});
