// Transitional: the context libs under their old name until every import names its context lib.
export * from '@pejling/domain-kernel';
export * from '@pejling/domain-indicators';
export * from '@pejling/domain-figures';
export * from '@pejling/domain-goals';
export * from '@pejling/domain-alerting';
export * from '@pejling/domain-reports';
