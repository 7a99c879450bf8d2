/**
 * The sweep report's scheduler section: what ASHA decided at each rung (trials that reached it,
 * how many went on, the cutoff), the epochs the sweep trained against the epochs every trial
 * would have trained in full, and every decision in the order it was made.
 */
import { rungs } from '../plan/asha.js';
import type { AshaRecord, AshaState } from '../types/scheduler.js';
import { html, type Html } from './html.js';
import { table } from './page.js';
import type { SweepFolder } from './read.js';

interface RungRow {
  readonly rung: number;
  readonly reached: number;
  readonly continued: number;
  readonly stopped: number;
  readonly best?: number;
  readonly lastCutoff?: number;
}

const num = (v: number | undefined): string =>
  v === undefined ? '–' : Number.isFinite(v) ? v.toPrecision(4) : String(v);

/** Epochs the scheduled stage trained across the trials, and what the same trials would have trained in full. */
export function epochsTrained(sweep: SweepFolder, stage: string): { trained: number; full: number; trials: number } {
  let trained = 0;
  let full = 0;
  let trials = 0;
  for (const folder of sweep.trials.values()) {
    const s = folder.record.stages[stage];
    const budget = stageEpochs(folder.config, stage);
    if (!s || budget === undefined) continue;
    trials++;
    full += budget;
    trained += s.status === 'stopped' ? (s.epoch ?? 0) : s.status === 'finished' ? budget : (s.epoch ?? 0);
  }
  return { trained, full, trials };
}

function stageEpochs(config: unknown, stage: string): number | undefined {
  const stages = (config as { stages?: Record<string, { train?: { epochs?: unknown } }> } | undefined)?.stages;
  const epochs = stages?.[stage]?.train?.epochs;
  return typeof epochs === 'number' ? epochs : undefined;
}

function rungRows(state: AshaState): RungRow[] {
  const better = (a: number, b: number) => (state.settings.mode === 'min' ? a < b : a > b);
  return rungs(state.settings).map((rung) => {
    const at = state.log.filter((r) => r.rung === rung);
    const finite = at.map((r) => r.value).filter(Number.isFinite);
    const best = finite.reduce<number | undefined>((b, v) => (b === undefined || better(v, b) ? v : b), undefined);
    const lastCutoff = [...at].reverse().find((r) => r.cutoff !== undefined)?.cutoff;
    return {
      rung,
      reached: at.length,
      continued: at.filter((r) => r.decision === 'continue').length,
      stopped: at.filter((r) => r.decision === 'stop').length,
      ...(best !== undefined ? { best } : {}),
      ...(lastCutoff !== undefined ? { lastCutoff } : {}),
    };
  });
}

export function schedulerSection(sweep: SweepFolder): Html | undefined {
  const state = sweep.scheduler;
  if (!state) return undefined;
  if ('error' in state)
    return html`<section id="scheduler">
      <h2>Scheduler</h2>
      <p>The scheduler's log could not be read: ${state.error}</p>
    </section>`;
  const s = state.settings;
  const stopped = state.log.filter((r) => r.decision === 'stop').length;
  const { trained, full, trials } = epochsTrained(sweep, s.stage);
  const share = full ? ` (${((100 * trained) / full).toFixed(0)}%)` : '';
  return html`<section id="scheduler">
    <h2>
      Scheduler: ASHA
      <span class="sub"
        >${s.metric} (${s.mode === 'min' ? 'lower' : 'higher'} is better) of stage <code>${s.stage}</code>, rungs at
        ${rungs(s).join(', ') || 'none'} epochs, reduction factor ${s.reduction_factor}</span
      >
    </h2>
    <p>
      At each rung a trial went on only if its ${s.metric} was in the top 1/${s.reduction_factor} of the trials that had
      reached that rung before it (the first at a rung always goes on). ${stopped} of ${trials}
      trial${trials === 1 ? '' : 's'} ${stopped === 1 ? 'was' : 'were'} stopped; stage <code>${s.stage}</code> trained
      ${trained} epochs in all, of the ${full} the same trials would have trained in full${share}.
    </p>
    ${table<RungRow>(
      [
        { label: 'Rung (epochs)', num: true, cell: (r) => String(r.rung) },
        { label: 'Trials reached it', num: true, cell: (r) => String(r.reached) },
        { label: 'Went on', num: true, cell: (r) => String(r.continued) },
        { label: 'Stopped', num: true, cell: (r) => String(r.stopped) },
        { label: `Best ${s.metric}`, num: true, cell: (r) => num(r.best) },
        { label: 'Last cutoff', num: true, cell: (r) => num(r.lastCutoff) },
      ],
      rungRows(state),
    )}
    <h3>Decisions, in the order they were made</h3>
    ${table<AshaRecord>(
      [
        { label: 'Trial', cell: (r) => html`<code>${r.trial}</code>` },
        { label: 'Rung', num: true, cell: (r) => String(r.rung) },
        { label: s.metric, num: true, cell: (r) => num(r.value) },
        { label: 'Cutoff', num: true, cell: (r) => num(r.cutoff) },
        {
          label: 'Decision',
          cell: (r) =>
            html`<span class="badge ${r.decision === 'stop' ? 'stopped' : 'finished'}"
              >${r.decision === 'stop' ? 'stop' : 'go on'}</span
            >`,
        },
      ],
      state.log,
    )}
  </section>`;
}
