import { describeFuzz } from '@pejling/testing/fuzz';
import { ingestApp } from './ingest.app';

/** No body sent to any of ingest's routes yields a 5xx or changes a table or a topic. */
describeFuzz('ingest', ingestApp, { auditTables: ['imports'] });
