/** The number of embedded MNIST digits. */
export const EMBEDDED_MNIST_SIZE = 10_000;
