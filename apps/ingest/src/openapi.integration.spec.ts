import { describePublishedDocs } from '@pejling/testing';
import { ingestApp } from './ingest.app';

/** ingest's published API and event docs, read without a key from the running service. */
describePublishedDocs('ingest', ingestApp);
