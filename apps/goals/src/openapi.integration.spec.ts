import { describePublishedDocs } from '@pejling/testing';
import { goalsApp } from './goals.app';

describePublishedDocs('goals', goalsApp);
