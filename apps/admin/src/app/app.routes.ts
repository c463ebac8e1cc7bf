import { Routes } from '@angular/router';

import { signedInGuard } from './core/auth/signed-in-guard';

export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Batches · Sluice',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/dashboard/dashboard').then((m) => m.Dashboard),
  },
  {
    path: 'batches/new',
    title: 'New batch · Sluice',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/batches/new-batch').then((m) => m.NewBatch),
  },
  {
    path: 'batches/:batchId',
    title: 'Batch · Sluice',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/batch-detail/batch-detail').then((m) => m.BatchDetail),
  },
  {
    path: 'sign-in',
    title: 'Sign in · Sluice',
    loadComponent: () => import('./features/sign-in/sign-in').then((m) => m.SignIn),
  },
  { path: '**', redirectTo: '' },
];
