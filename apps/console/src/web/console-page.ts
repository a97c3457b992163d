import type { Type } from '@nestjs/common';

/** A page or feature: its controllers and the use cases they call (listed in pages/index.ts). */
export interface ConsolePage {
  controllers: Type<unknown>[];
  providers: Type<unknown>[];
}
