/**
 * The crashes of a run: the error the bot wrote as it died, what it was working on, and, once the run
 * is over, the input that crashes a fresh bot on its own.
 */
import type { Exit } from './bot-process.js';
import type { FuzzInput } from './inputs.js';
import { reproduceCrash } from './reproduce.js';

export interface Crash {
  /** Updates sent when the bot died. */
  afterUpdates: number;
  exit: string;
  /** The error line of the bot's stderr and the stack under it. */
  error: string;
  stack: string[];
  /** What the bot had received and not finished, likeliest first: the culprit is among them. */
  inProgress: string[];
}

export interface CrashReport {
  total: number;
  bySignature: Record<string, number>;
  /** By signature: the input that crashes a fresh bot on its own (null: no single suspect did). */
  culprits: Record<string, string | null>;
  first: Crash[];
}

const KEPT = 10;
const SUSPECTS_SHOWN = 5;
const FRAMES = 6;

/** The error line of a crash's stderr (`TypeError: …`) and the stack frames under it. */
function errorOf(lines: string[]): { error: string; stack: string[] } {
  const at = lines.findIndex((l) => /^\s*(\w*Error|\w*Exception)\b/.test(l));
  const error = lines[at] ?? lines.at(-1) ?? '(no output)';
  const frames = at < 0 ? [] : lines.slice(at + 1).filter((l) => /^\s*at /.test(l));
  return { error: error.trim().slice(0, 300), stack: frames.slice(0, FRAMES).map((l) => l.trim()) };
}

export class CrashLog {
  private readonly first: Crash[] = [];
  private readonly bySignature: Record<string, number> = {};
  /** The suspects of the first crash of each signature, replayed after the run. */
  private readonly suspectsOf = new Map<string, FuzzInput[]>();
  private count = 0;

  get total(): number {
    return this.count;
  }

  /** Files a crash from the bot's last stderr lines and the inputs it had received and not finished. */
  record(crash: { exit: Exit; stderr: string[]; inProgress: FuzzInput[]; afterUpdates: number }): void {
    const { error, stack } = errorOf(crash.stderr);
    // The platform whose adapter is in the stack: its inputs are the likelier culprits.
    const platform = /adapters\/(telegram|discord)\//.exec(crash.stderr.join('\n'))?.[1];
    const suspects = [...crash.inProgress].sort(
      (a, b) => Number(b.platform === platform) - Number(a.platform === platform),
    );
    this.count += 1;
    this.bySignature[error] = (this.bySignature[error] ?? 0) + 1;
    if (!this.suspectsOf.has(error)) this.suspectsOf.set(error, suspects);
    if (this.first.length >= KEPT) return;
    this.first.push({
      afterUpdates: crash.afterUpdates,
      exit: crash.exit.signal ? `killed by ${crash.exit.signal}` : `exit code ${crash.exit.code}`,
      error,
      stack,
      inProgress: suspects.slice(0, SUSPECTS_SHOWN).map((i) => i.summary),
    });
  }

  /** The crashes so far, without culprits (see `culprits`). */
  report(): Omit<CrashReport, 'culprits'> {
    return { total: this.count, bySignature: this.bySignature, first: this.first };
  }

  /** Replays each kind of crash's suspects, one at a time, to a fresh bot: the input it dies on. */
  async culprits(
    limits: { ratePerMinute: number; inlineRatePerMinute: number },
    progress?: (line: string) => void,
  ): Promise<Record<string, string | null>> {
    const culprits: Record<string, string | null> = {};
    for (const [signature, suspects] of this.suspectsOf) {
      progress?.(`fuzz: replaying ${suspects.length} suspects of "${signature}" one at a time`);
      culprits[signature] = (await reproduceCrash(suspects, limits))?.summary ?? null;
    }
    return culprits;
  }
}
