import { Module } from '@nestjs/common';
import { SharedRateLimit } from './shared-rate-limit.js';

/** One `SharedRateLimit` for the modules that limit requests (sign-in, objections). */
@Module({ providers: [SharedRateLimit], exports: [SharedRateLimit] })
export class RateLimitModule {}
