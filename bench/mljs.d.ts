/** The two mljs packages analysis-speed.ts compares with ship no types: what it calls of them. */
declare module 'ml-logistic-regression' {
  export default class LogisticRegression {
    constructor(options: { numSteps?: number; learningRate?: number });
    train(x: unknown, y: unknown): void;
    predict(x: unknown): number[];
  }
}
declare module 'ml-knn' {
  export default class KNN {
    constructor(x: number[][], y: number[], options?: { k?: number });
    predict(x: number[][]): number[];
  }
}
