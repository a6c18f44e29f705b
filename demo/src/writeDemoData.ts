import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, open, rm, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { DEMO_AGENCIES, FILE_RECORD_TYPES, type DemoAgency, type DemoRecord } from "./format";
import { DEFAULT_AS_OF, generatePopulation, type PopulationSummary } from "./population";
import { SCENARIO, scenarioRecords } from "./scenario";
import { toInstant } from "./time";

export interface WriteDemoDataOptions {
  dir: string;
  seed: number;
  /** People with agency records in the synthetic population (the scenario's three come on top). */
  subjects: number;
  asOf?: string | Date;
  includeScenario?: boolean;
}

export interface DemoDataReport {
  files: Record<DemoAgency | "truth", string>;
  /** Lines written, per file and record type. */
  counts: Record<DemoAgency, Record<string, number>>;
  /** Rows of the truth file: one per person record. */
  truthRows: number;
  /** The synthetic population, not counting the scenario. */
  population: PopulationSummary;
}

export const DEMO_FILES: Record<DemoAgency | "truth", string> = {
  police: "police.ndjson",
  health: "health.ndjson",
  "social-care": "social-care.ndjson",
  truth: "truth.csv",
};

export const TRUTH_HEADER = "agency,local_id,person_id";

// Buffered lines are written once a part holds this much text.
const FLUSH_AT = 1 << 20;

/** Text appended to one file, written in large chunks. */
class BufferedFile {
  lines = 0;
  private chunks: string[] = [];
  private size = 0;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(file: string): Promise<BufferedFile> {
    return new BufferedFile(file, await open(file, "w"));
  }

  /** Adds a line; true when the buffer is full and should be flushed. */
  add(text: string): boolean {
    this.chunks.push(text);
    this.size += text.length;
    this.lines += 1;
    return this.size >= FLUSH_AT;
  }

  async flush(): Promise<void> {
    if (this.chunks.length === 0) return;
    const text = this.chunks.join("");
    this.chunks = [];
    this.size = 0;
    await this.handle.write(text);
  }

  async close(): Promise<void> {
    await this.flush();
    await this.handle.close();
  }
}

/**
 * Writes the demonstration data: one NDJSON file per agency and the truth file (`agency,local_id,
 * person_id` for every person record). Records stream into one part file per record type, and the
 * parts are joined in the order of FILE_RECORD_TYPES, so each file lists people, then events, then
 * links — every reference pointing at an earlier line — without holding the data in memory.
 */
export async function writeDemoData(options: WriteDemoDataOptions): Promise<DemoDataReport> {
  const includeScenario = options.includeScenario ?? true;
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  if (includeScenario && toInstant(asOf) < toInstant(SCENARIO.lastRecordedAt)) {
    throw new Error(`asOf ${String(asOf)} is before the scenario's last record (${SCENARIO.lastRecordedAt}): use a later asOf or leave the scenario out`);
  }
  await mkdir(options.dir, { recursive: true });
  const partsDir = await mkdtemp(path.join(options.dir, ".parts-"));
  try {
    const parts = new Map<string, BufferedFile>();
    for (const agency of DEMO_AGENCIES) {
      for (const type of FILE_RECORD_TYPES[agency]) parts.set(`${agency}/${type}`, await BufferedFile.create(path.join(partsDir, `${agency}.${type}.ndjson`)));
    }
    const files = Object.fromEntries(Object.entries(DEMO_FILES).map(([key, name]) => [key, path.join(options.dir, name)])) as DemoDataReport["files"];
    const truth = await BufferedFile.create(files.truth);
    truth.add(`${TRUTH_HEADER}\n`);

    const write = async (record: DemoRecord) => {
      const part = parts.get(`${record.agency}/${record.line.type}`)!;
      if (part.add(`${JSON.stringify(record.line)}\n`)) await part.flush();
      if (record.person && "id" in record.line && truth.add(`${record.agency},${record.line.id},${record.person.id}\n`)) await truth.flush();
    };

    if (includeScenario) for (const record of scenarioRecords()) await write(record);
    const population = generatePopulation({ seed: options.seed, subjects: options.subjects, asOf });
    let step = population.next();
    while (!step.done) {
      await write(step.value);
      step = population.next();
    }
    await truth.close();

    const counts = {} as DemoDataReport["counts"];
    for (const agency of DEMO_AGENCIES) {
      counts[agency] = {};
      const out = await open(files[agency], "w");
      try {
        for (const type of FILE_RECORD_TYPES[agency]) {
          const part = parts.get(`${agency}/${type}`)!;
          await part.close();
          counts[agency][type] = part.lines;
          for await (const chunk of createReadStream(part.path)) await out.write(chunk as Buffer);
        }
      } finally {
        await out.close();
      }
    }
    return { files, counts, truthRows: truth.lines - 1, population: step.value };
  } finally {
    await rm(partsDir, { recursive: true, force: true });
  }
}
