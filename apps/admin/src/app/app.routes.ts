import { Routes } from '@angular/router';

import { signedInGuard } from './core/auth/signed-in-guard';

export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Batches · Sluice',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/batches/batch-list').then((m) => m.BatchList),
  },
  {
    path: 'sign-in',
    title: 'Sign in · Sluice',
    loadComponent: () => import('./features/sign-in/sign-in').then((m) => m.SignIn),
  },
  { path: '**', redirectTo: '' },
];
