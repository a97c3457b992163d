import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { Kafka, Producer } from 'kafkajs';
import { SERVICE_ENV, SERVICE_SPEC, ServiceEnv, ServiceSpec } from '../service-spec';
import { createKafka, createProducer, kafkaSasl } from './kafka-client';

export const KAFKA = Symbol('KAFKA');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');

export const kafkaProvider: Provider = {
  provide: KAFKA,
  inject: [SERVICE_ENV, SERVICE_SPEC],
  useFactory: (env: ServiceEnv, spec: ServiceSpec) => createKafka(env.KAFKA_BROKERS, `pejling-${spec.name}`, kafkaSasl(env)),
};

export const producerProvider: Provider = {
  provide: KAFKA_PRODUCER,
  inject: [KAFKA],
  useFactory: async (kafka: Kafka) => {
    const producer = createProducer(kafka);
    await producer.connect();
    return producer;
  },
};

/** Disconnects the producer last, after the outbox relay has drained. */
@Injectable()
export class ProducerShutdown implements OnApplicationShutdown {
  constructor(@Inject(KAFKA_PRODUCER) private readonly producer: Producer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}
