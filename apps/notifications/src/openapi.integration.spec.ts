import { describePublishedDocs } from '@pejling/testing';
import { notificationsApp } from './notifications.app';

describePublishedDocs('notifications', notificationsApp);
