import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';

/**
 * `figure` artifact layout (a folder): one or more figures, each as
 * `<name>.svg` and `<name>.png`, plus `<name>.vl.json` (the Vega-Lite spec)
 * when it is a chart and `<name>.html` when it is interactive;
 * `figures.json` lists them as a JSON array of {@link FigureEntry}.
 */
export interface FigureEntry {
  readonly name: string;
  readonly title: string;
  readonly files: readonly string[];
}

export const FIGURE_INDEX = 'figures.json';

const SAFE_NAME = /^[a-z0-9][a-z0-9._-]*$/i;

/**
 * Fills a figure folder one figure at a time and writes the index last, so
 * a reader sees either no index or a complete one.
 */
export class FigureWriter {
  readonly #dir: string;
  readonly #entries: FigureEntry[] = [];

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** Writes `<name>.<ext>` for each file and records the figure. */
  async add(
    name: string,
    title: string,
    files: Readonly<Record<string, Buffer | string>>,
  ): Promise<void> {
    if (!SAFE_NAME.test(name)) {
      throw new Error(`Internal error: unsafe figure name "${name}"`);
    }
    if (this.#entries.some((entry) => entry.name === name)) {
      throw new Error(`Internal error: figure "${name}" written twice`);
    }
    const written: string[] = [];
    for (const [extension, content] of Object.entries(files)) {
      const file = `${name}.${extension}`;
      await writeFile(join(this.#dir, file), content);
      written.push(file);
    }
    this.#entries.push({name, title, files: written});
  }

  async finish(): Promise<readonly FigureEntry[]> {
    const index = JSON.stringify(this.#entries, null, 2);
    await writeFile(join(this.#dir, FIGURE_INDEX), `${index}\n`);
    return this.#entries;
  }
}

/** The figures a figure artifact holds, in the order they were written. */
export async function readFigureIndex(
  dir: string,
): Promise<readonly FigureEntry[]> {
  const text = await readFile(join(dir, FIGURE_INDEX), 'utf8');
  return JSON.parse(text) as FigureEntry[];
}
