import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asForwardedEvent } from '../../../src/run/queue/forwarded-event.js';

const stages = new Set(['ae', 'cnn']);
const epoch = {
  type: 'epoch',
  time: 1,
  trial: 't001',
  stage: 'ae',
  epoch: 2,
  epochs: 5,
  metrics: { train_loss: 0.2, val_loss: null },
  seconds: 1.5,
};

test('the events a worker really sends are taken as they are', () => {
  for (const e of [
    epoch,
    { ...epoch, cached: true },
    { type: 'stage_started', time: 1, trial: 't001', stage: 'cnn', fingerprint: 'abc' },
    { type: 'artifact', time: 1, trial: 't001', stage: 'ae', path: 'stages/ae/figure.png', description: 'figure' },
    { type: 'warning', time: 1, trial: 't001', message: 'cache entry evicted' },
    { type: 'run_finished', time: 1, trial: 't001', status: 'stopped' },
  ]) {
    const r = asForwardedEvent(e, 't001', stages);
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.value, e);
  }
});

test('a forged event is refused with its reason: another trial, a stage not planned, a path out of the folder, odd fields', () => {
  const refused: [unknown, RegExp][] = [
    [{ ...epoch, trial: 't002' }, /names trial t002, but the job runs t001/],
    [{ ...epoch, stage: '../../x' }, /its stage is not one of the trial's stages/],
    [{ ...epoch, type: 'rm_rf' }, /its type rm_rf is unknown/],
    [{ ...epoch, extra: 1 }, /fields a epoch event does not have: extra/],
    [{ ...epoch, epoch: 1.5 }, /its epoch is not a whole number/],
    [{ ...epoch, metrics: { '../x': 1 } }, /its metrics is not metric names with numbers/],
    [{ ...epoch, metrics: { loss: 'NaN' } }, /its metrics is not/],
    [
      { type: 'artifact', time: 1, trial: 't001', stage: 'ae', path: '../../../etc/passwd', description: 'x' },
      /its path is not a relative path inside the trial folder/,
    ],
    [
      { type: 'artifact', time: 1, trial: 't001', stage: 'ae', path: '/etc/passwd', description: 'x' },
      /its path is not a relative path/,
    ],
    [{ type: 'warning', time: 1, trial: 't001', message: 'clear screen \u001b[2J' }, /its message is not text/],
    [{ type: 'run_finished', time: 1, trial: 't001', status: 'won' }, /its status is not a trial status/],
    [['epoch'], /it is not an object/],
    [{ ...epoch, time: 'now' }, /its time is not a number/],
  ];
  for (const [e, why] of refused) {
    const r = asForwardedEvent(e, 't001', stages);
    assert.equal(r.ok, false, `${JSON.stringify(e)} was taken`);
    if (!r.ok) assert.match(r.error, why);
  }
});
