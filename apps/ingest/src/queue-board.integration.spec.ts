import { describeQueueBoard } from '@pejling/testing';
import { ingestApp } from './ingest.app';
import { PULL_QUEUE } from './jobindsats/pull.queue';

describeQueueBoard('ingest', ingestApp, [PULL_QUEUE]);
