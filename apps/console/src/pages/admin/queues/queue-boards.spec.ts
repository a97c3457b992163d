import { boardChangeOf, consoleBoardPath, isQueueBoardService } from './queue-boards';

describe('queue boards', () => {
  it('names the changes a board makes, as the audit log records them', () => {
    expect(boardChangeOf('PUT', '/api/queues/deliveries/retry/failed')).toEqual({
      action: 'queue.failed-jobs-retried',
      queue: 'deliveries',
    });
    expect(boardChangeOf('PUT', '/api/queues/jobindsats-pulls/8f0c%3A1/retry')).toEqual({
      action: 'queue-job.retried',
      queue: 'jobindsats-pulls',
      jobId: '8f0c:1',
    });
  });

  it('takes reads, refused changes and anything else for no change', () => {
    expect(boardChangeOf('GET', '/api/queues/deliveries/retry/failed')).toBeUndefined();
    expect(boardChangeOf('PUT', '/api/queues/deliveries/clean/failed')).toBeUndefined();
    expect(boardChangeOf('PUT', '/api/queues/deliveries/retry/completed')).toBeUndefined();
    expect(boardChangeOf('PUT', '/api/queues/deliveries/4/promote')).toBeUndefined();
    expect(boardChangeOf('PUT', '/queue/deliveries')).toBeUndefined();
  });

  it('knows the services that have a board, and where the console serves each', () => {
    expect(['notifications', 'goals', 'ingest', 'indicators', 'console'].filter(isQueueBoardService)).toEqual([
      'notifications',
      'goals',
      'ingest',
    ]);
    expect(consoleBoardPath('goals')).toBe('/admin/queues/goals');
  });
});
