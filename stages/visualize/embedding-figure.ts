import {UMAP} from 'umap-js';
import type {TopLevelSpec} from 'vega-lite';
import type {FigureWriter} from '../../artifacts/figure.js';
import type {MetricOptions} from '../../runner/stage-definition.js';
import {SeededRandom} from '../../runner/util/seeded-random.js';
import {categoriesOf, readFeatures} from './read-features.js';
import {renderChart} from './render-chart.js';
import {embedNeighbours} from './tsne/barnes-hut-tsne.js';
import {nearestNeighbours, type Neighbours} from './tsne/nearest-neighbours.js';
import {neighbourAgreement} from './tsne/neighbour-agreement.js';
import {renderViewer} from './viewer-3d.js';

/** What an embedding figure needs from the stage around it. */
export interface EmbeddingRequest {
  readonly method: 'tsne' | 'umap';
  readonly featuresDir: string;
  readonly dimensions: readonly (2 | 3)[];
  readonly perplexities: readonly number[];
  readonly iterations?: number;
  readonly neighbors: number;
  readonly colourBy: string;
  readonly seed: number;
  readonly metric: (
    name: string,
    value: number,
    options: MetricOptions,
  ) => void;
  readonly progress: (done: number, total: number, label: string) => void;
}

interface Embedding {
  readonly name: string;
  readonly title: string;
  readonly dims: 2 | 3;
  readonly points: Float64Array;
}

/**
 * t-SNE (one per dimension and perplexity) or UMAP (one per dimension) of
 * a features artifact: 2-D as a scatter chart, 3-D as an interactive page
 * plus three static projections. Neighbours are searched once and shared.
 */
export async function drawEmbeddings(
  request: EmbeddingRequest,
  writer: FigureWriter,
): Promise<void> {
  const {index, data} = await readFeatures(request.featuresDir);
  const categories = categoriesOf(index, request.colourBy);
  const widest =
    request.method === 'tsne'
      ? Math.ceil(3 * Math.max(...request.perplexities))
      : request.neighbors;
  const k = Math.min(index.count - 1, widest);
  const neighbours = nearestNeighbours(data, index.count, index.dim, k);
  for (const embedding of embed(request, neighbours)) {
    const agreement = neighbourAgreement(
      embedding.points,
      embedding.dims,
      categories,
    );
    request.metric(`${request.method}_neighbour_agreement`, agreement, {
      labels: {figure: embedding.name},
    });
    await writeEmbedding(embedding, categories, request.colourBy, writer);
  }
}

function* embed(
  request: EmbeddingRequest,
  neighbours: Neighbours,
): Generator<Embedding> {
  for (const dims of request.dimensions) {
    if (request.method === 'umap') {
      yield {
        name: `umap-${dims}d`,
        title: `UMAP ${dims}-D, ${request.neighbors} neighbours`,
        dims,
        points: runUmap(neighbours, dims, request),
      };
      continue;
    }
    for (const perplexity of request.perplexities) {
      const label = `t-SNE ${dims}-D, perplexity ${perplexity}`;
      const result = embedNeighbours(neighbours, {
        dims,
        perplexity,
        seed: request.seed,
        iterations: request.iterations,
        onProgress: (done, total) => {
          request.progress(done, total, label);
        },
      });
      const name = `tsne-${dims}d-p${perplexity}`;
      request.metric('tsne_kl_divergence', result.divergence, {
        labels: {figure: name, dims, perplexity},
      });
      yield {name, title: label, dims, points: result.embedding};
    }
  }
}

function runUmap(
  neighbours: Neighbours,
  dims: 2 | 3,
  request: EmbeddingRequest,
): Float64Array {
  const random = new SeededRandom(request.seed);
  const indices: number[][] = [];
  const distances: number[][] = [];
  for (let i = 0; i < neighbours.count; i++) {
    const row = neighbours.indices.subarray(
      i * neighbours.k,
      (i + 1) * neighbours.k,
    );
    const d2 = neighbours.distances.subarray(
      i * neighbours.k,
      (i + 1) * neighbours.k,
    );
    // UMAP counts each point as its own nearest neighbour.
    indices.push([i, ...row]);
    distances.push([0, ...Array.from(d2, Math.sqrt)]);
  }
  return fitUmap(indices, distances, dims, request, random);
}

function fitUmap(
  indices: number[][],
  distances: number[][],
  dims: 2 | 3,
  request: EmbeddingRequest,
  random: SeededRandom,
): Float64Array {
  const umap = new UMAP({
    nComponents: dims,
    nNeighbors: request.neighbors + 1,
    random: () => random.next(),
  });
  umap.setPrecomputedKNN(indices, distances);
  // With neighbours given, the data rows are only counted, never read.
  const placeholder = indices.map(() => [0]);
  return Float64Array.from(umap.fit(placeholder).flat());
}

async function writeEmbedding(
  embedding: Embedding,
  categories: readonly string[],
  colourBy: string,
  writer: FigureWriter,
): Promise<void> {
  const views =
    embedding.dims === 2
      ? [[0, 1]]
      : [
          [0, 1],
          [0, 2],
          [2, 1],
        ];
  const spec = projectionSpec(embedding, views, categories, colourBy);
  const chart = await renderChart(spec);
  const files: Record<string, string | Buffer> = {
    svg: chart.svg,
    png: chart.png,
    'vl.json': chart.spec,
  };
  if (embedding.dims === 3) {
    files.html = renderViewer({
      title: embedding.title,
      points: embedding.points,
      categories,
    });
  }
  await writer.add(embedding.name, embedding.title, files);
}

function projectionSpec(
  embedding: Embedding,
  views: readonly number[][],
  categories: readonly string[],
  colourBy: string,
): TopLevelSpec {
  const dims = embedding.dims;
  const axes = ['x', 'y', 'z'];
  const values = categories.map((category, i) => ({
    [colourBy]: category,
    x: round(embedding.points[i * dims] ?? 0),
    y: round(embedding.points[i * dims + 1] ?? 0),
    z: dims === 3 ? round(embedding.points[i * dims + 2] ?? 0) : 0,
  }));
  const panel = ([a, b]: readonly number[]) => ({
    width: views.length === 1 ? 480 : 260,
    height: views.length === 1 ? 480 : 260,
    mark: {type: 'circle', size: 14, opacity: 0.75},
    encoding: {
      x: {
        field: axes[a ?? 0],
        type: 'quantitative',
        axis: {title: axes[a ?? 0]},
      },
      y: {
        field: axes[b ?? 1],
        type: 'quantitative',
        axis: {title: axes[b ?? 1]},
      },
      color: {field: colourBy, type: 'nominal'},
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: embedding.title,
    data: {values},
    config: {background: 'white', font: 'sans-serif'},
    hconcat: views.map(panel),
  } as TopLevelSpec;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
