import { describePublishedDocs } from '@pejling/testing';
import { goalsApp } from './goals.app';

/** goals's published API and event docs, read without a key from the running service. */
describePublishedDocs('goals', goalsApp);
