import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv();

// jsdom cannot draw. Without a context the charts skip drawing (their data and text alternatives
// are still tested), instead of jsdom reporting "not implemented" on every chart.
HTMLCanvasElement.prototype.getContext = () => null;
