import { describeFuzz } from '@pejling/testing/fuzz';
import { indicatorsApp } from './indicators.app';

/** No body sent to any of indicators's routes yields a 5xx or changes a table or a topic. */
describeFuzz('indicators', indicatorsApp);
