import 'reflect-metadata';
import { runService } from '@pejling/platform';
import { goalsApp } from './goals.app';

void runService(goalsApp);
