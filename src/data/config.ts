/** How an experiment file names a data set (see schemas/experiment.schema.json#/definitions/dataSource). */
export type DataSourceConfig =
  | { readonly source: 'mnist'; readonly train: number; readonly test: number }
  | { readonly source: 'idx'; readonly path: string; readonly train?: number; readonly test?: number }
  | { readonly source: 'url'; readonly url: string; readonly sha256?: Readonly<Record<string, string>>; readonly train?: number; readonly test?: number };
