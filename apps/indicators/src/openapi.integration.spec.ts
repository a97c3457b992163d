import { describePublishedDocs } from '@pejling/testing';
import { indicatorsApp } from './indicators.app';

/** indicators's published API and event docs, read without a key from the running service. */
describePublishedDocs('indicators', indicatorsApp);
