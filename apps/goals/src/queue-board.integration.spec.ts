import { describeQueueBoard } from '@pejling/testing';
import { goalsApp } from './goals.app';
import { SCHEDULED_QUEUE } from './staleness/staleness-checker';

describeQueueBoard('goals', goalsApp, [SCHEDULED_QUEUE]);
