import 'reflect-metadata';
import { runService } from '@pejling/platform';
import { ingestApp } from './ingest.app';

void runService(ingestApp);
