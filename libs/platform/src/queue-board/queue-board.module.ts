import { getQueueToken } from '@nestjs/bull';
import { DynamicModule, Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';
import { PrincipalResolver } from '../access/principal-resolver';
import { SERVICE_SPEC, ServiceSpec } from '../service-spec';
import { admitUnscopedAdmins } from './queue-board-admission';
import { QUEUE_BOARD_PATH, queueBoardRouter } from './queue-board';

const BOARD_QUEUES = Symbol('BOARD_QUEUES');

/**
 * Mounts Bull Board at /admin/queues for the named queues (each registered with BullModule by the
 * app): admins with every municipality in scope only. As Express middleware, not a controller, so
 * it is no route of the service's API: the OpenAPI document and the fuzz suite do not see it.
 */
@Module({})
export class QueueBoardModule implements NestModule {
  static forQueues(names: readonly string[]): DynamicModule {
    return { module: QueueBoardModule, providers: [{ provide: BOARD_QUEUES, useValue: names }] };
  }

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly principals: PrincipalResolver,
    @Inject(SERVICE_SPEC) private readonly spec: ServiceSpec,
    @Inject(BOARD_QUEUES) private readonly names: readonly string[],
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    // The app's own queue instances (registered in its module, not this one), so the board shares their connections.
    const queues = this.names.map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    consumer.apply(admitUnscopedAdmins(this.principals), queueBoardRouter(this.spec.name, queues)).forRoutes(QUEUE_BOARD_PATH);
  }
}
