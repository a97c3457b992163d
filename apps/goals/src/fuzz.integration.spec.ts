import { describeFuzz } from '@pejling/testing/fuzz';
import { goalsApp } from './goals.app';

/** No body sent to any of goals's routes yields a 5xx or changes a table or a topic. */
describeFuzz('goals', goalsApp);
