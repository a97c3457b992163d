import 'reflect-metadata';
import { runService } from '@pejling/platform';
import { indicatorsApp } from './indicators.app';

void runService(indicatorsApp);
