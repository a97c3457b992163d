import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { SERVICE_ENV, SERVICE_SPEC, ServiceEnv, ServiceSpec } from '../service-spec';
import { createProducer, EventProducer, KafkaConnection, kafkaSasl } from './kafka-client';

/** The service's KafkaConnection (brokers, client id, credentials). */
export const KAFKA = Symbol('KAFKA');
/** The service's EventProducer (the outbox relay's). */
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');

export const kafkaProvider: Provider = {
  provide: KAFKA,
  inject: [SERVICE_ENV, SERVICE_SPEC],
  useFactory: (env: ServiceEnv, spec: ServiceSpec): KafkaConnection => ({
    brokers: env.KAFKA_BROKERS,
    clientId: `pejling-${spec.name}`,
    sasl: kafkaSasl(env),
  }),
};

export const producerProvider: Provider = {
  provide: KAFKA_PRODUCER,
  inject: [KAFKA],
  useFactory: (connection: KafkaConnection): EventProducer => createProducer(connection),
};

/** Closes the producer last, after the outbox relay has drained. */
@Injectable()
export class ProducerShutdown implements OnApplicationShutdown {
  constructor(@Inject(KAFKA_PRODUCER) private readonly producer: EventProducer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.producer.close();
  }
}
