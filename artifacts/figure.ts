/**
 * `figure` artifact layout (a folder): one or more figures, each as
 * `<name>.svg` and `<name>.png`, plus `<name>.vl.json` (the Vega-Lite spec)
 * when it is a chart; `figures.json` lists them as {@link FigureEntry}.
 */
export interface FigureEntry {
  readonly name: string;
  readonly title: string;
  readonly files: readonly string[];
}
