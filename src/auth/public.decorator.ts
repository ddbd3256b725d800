import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'minyi:public';

/** Marks a route that needs no bearer token (sign-in, health). Everything else does. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
