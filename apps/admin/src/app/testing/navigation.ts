import { NavigationEnd, Router } from '@angular/router';
import { filter, firstValueFrom } from 'rxjs';

/** Resolves when the router finishes the navigation it is running or starts next. */
export async function navigationEnd(router: Router): Promise<void> {
  await firstValueFrom(router.events.pipe(filter((event) => event instanceof NavigationEnd)));
}
