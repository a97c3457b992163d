import { describePublishedDocs } from '@pejling/testing';
import { indicatorsApp } from './indicators.app';

describePublishedDocs('indicators', indicatorsApp);
