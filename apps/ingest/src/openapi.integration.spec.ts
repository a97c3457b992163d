import { describePublishedDocs } from '@pejling/testing';
import { ingestApp } from './ingest.app';

describePublishedDocs('ingest', ingestApp);
