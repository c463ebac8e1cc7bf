import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'sluice:isPublic';

/** Marks a route that needs no token (health probes only). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
