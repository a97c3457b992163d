import 'reflect-metadata';
import { runService } from '@pejling/platform';
import { notificationsApp } from './notifications.app';

void runService(notificationsApp);
