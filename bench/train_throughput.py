"""PyTorch baseline for bench/train-throughput.ts: the same CNNs, batch 32.

Prints one JSON line per configuration: {"layers", "size", "images_per_second"}.
Run with Debian's python3-torch: /usr/bin/python3 bench/train_throughput.py
"""
import json
import sys
import time

import torch
from torch import nn

torch.set_num_threads(2)
torch.manual_seed(0)


def filters_for(layers):
    """32 doubling per block, capped at 256, like engine/models/cnn.ts."""
    return [min(32 * 2**i, 256) for i in range(layers)]


def build(layers, size, classes=7):
    blocks, channels, side = [], 1, size
    for filters in filters_for(layers):
        blocks += [
            nn.Conv2d(channels, filters, 3, padding=1),
            nn.ReLU(),
            # ceil_mode matches tf.layers pooling with padding 'same'.
            nn.MaxPool2d(2, ceil_mode=True),
        ]
        channels, side = filters, (side + 1) // 2
    head = [nn.Flatten(), nn.Linear(channels * side * side, 128), nn.ReLU(),
            nn.Linear(128, classes)]
    return nn.Sequential(*blocks, *head)


def images_per_second(layers, size, batch=32, seconds=4.0):
    model = build(layers, size)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.randn(batch, 1, size, size)
    y = torch.randint(0, 7, (batch,))

    def step():
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    step()
    step()
    steps, started = 0, time.perf_counter()
    while steps < 3 or time.perf_counter() - started < seconds:
        step()
        steps += 1
    return steps * batch / (time.perf_counter() - started)


def main(argv):
    configs = [(int(a.split("x")[0]), int(a.split("x")[1])) for a in argv] or [
        (layers, size) for layers in (1, 2, 6) for size in (48, 64)]
    for layers, size in configs:
        rate = images_per_second(layers, size)
        print(json.dumps({"layers": layers, "size": size,
                          "images_per_second": rate}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
