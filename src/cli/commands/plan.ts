import type { Override } from '../../config/load.js';
import { experimentFromFlags, type SweepFlag } from '../experiment-from-flags.js';
import { sharedNodes, type Plan } from '../../plan/plan.js';
import type { BackendChoice } from '../../backend/select.js';
import { planRun } from '../../run/plan-run.js';
import { dataSource, stageType } from '../../stages/registry.js';
import { countLine, printDiagnostics } from '../diagnostics-output.js';

/** `aelab plan FILE`: the DAG in order, what each stage reads and writes, the trials; trains nothing. */
export async function planCommand(
  file: string,
  opts: {
    overrides: Override[];
    sweeps: readonly SweepFlag[];
    json: boolean;
    backend: BackendChoice;
    runsDir: string;
    /** --parallel: shown as the trials run at once, as `run` would run them. */
    parallel?: number;
  },
): Promise<number> {
  // The same experiment `run` would run with these flags.
  const { outcome, config } = await experimentFromFlags(file, opts.overrides, opts.sweeps);
  printDiagnostics(outcome.diagnostics, outcome.sources, false, outcome.omitted);
  if (!outcome.experiment || !config) {
    process.stderr.write(`${file}: invalid (${countLine(outcome.diagnostics, outcome.omitted)})
`);
    return 1;
  }
  // Planned as `run` plans it, so the fingerprints shown are the ones `run` caches under.
  const planned = await planRun(config, {
    backend: opts.backend,
    experimentFile: outcome.experiment.file,
    runsDir: opts.runsDir,
    download: false,
  });
  if (!planned.ok) {
    process.stderr.write(`error: ${planned.error}\n`);
    return 1;
  }
  const { plan } = planned.value;
  const parallel = opts.parallel ?? config.sweep?.parallel;
  process.stdout.write(opts.json ? `${JSON.stringify(planJson(plan), null, 2)}\n` : renderPlan(plan, parallel));
  return 0;
}

function planJson(plan: Plan): object {
  return {
    name: plan.config.name,
    trials: plan.trials.map((t) => ({
      id: t.id,
      assignment: t.assignment,
      nodes: t.nodes.map((n) => ({
        name: n.name,
        kind: n.kind === 'data' ? 'data' : n.config.type,
        reads: n.inputs.map((i) => i.ref),
        writes: n.outputs,
        fingerprint: n.fingerprint,
      })),
    })),
  };
}

export function renderPlan(plan: Plan, parallel?: number): string {
  const lines: string[] = [];
  const first = plan.trials[0]!;
  lines.push(
    `experiment ${plan.config.name}: ${first.nodes.length} nodes, ${plan.trials.length} trial${plan.trials.length === 1 ? '' : 's'}`,
  );
  lines.push('');
  lines.push('DAG (in run order):');
  const width = Math.max(...first.nodes.map((n) => n.name.length));
  first.nodes.forEach((n, i) => {
    // Each data source and stage type says how it is shown.
    const what =
      n.kind === 'data'
        ? `data (${dataSource(n.config.source)!.planLabel(n.config)})`
        : stageType(n.config.type)!.planLabel(n.config);
    const reads = n.inputs.length ? `reads ${n.inputs.map((r) => r.ref).join(', ')}` : 'reads nothing';
    lines.push(`  ${String(i + 1).padStart(2)}. ${n.name.padEnd(width)}  ${what}`);
    lines.push(
      `      ${' '.repeat(width)}  ${reads}; ${n.outputs.length ? `writes ${n.outputs.map((o) => (n.kind === 'data' ? n.name : `${n.name}.${o}`)).join(', ')}` : 'writes metrics only'}`,
    );
  });
  if (plan.isSweep) {
    const shared = sharedNodes(plan);
    lines.push('');
    lines.push(`Trials (${plan.trials.length}${parallel ? `, ${parallel} at a time` : ''}):`);
    for (const t of plan.trials) {
      const settings = Object.entries(t.assignment)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(' ');
      const reused = t.nodes
        .filter((n) => n.kind === 'stage' && (shared.get(n.fingerprint)?.trials[0] ?? t.index) < t.index)
        .map((n) => n.name);
      lines.push(
        `  ${t.id}  ${settings}${reused.length ? `   (reuses ${reused.join(', ')} from an earlier trial)` : ''}`,
      );
    }
    const stagesRun = [...shared.values()].filter((s) =>
      first.nodes.some((n) => n.name === s.name && n.kind === 'stage'),
    ).length;
    const naive = plan.trials.reduce((a, t) => a + t.nodes.filter((n) => n.kind === 'stage').length, 0);
    lines.push('');
    lines.push(`${naive} stage runs in all; ${stagesRun} distinct, the rest shared.`);
  }
  return `${lines.join('\n')}\n`;
}
