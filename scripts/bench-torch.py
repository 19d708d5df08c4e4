#!/usr/bin/python3
"""PyTorch's CPU time for the seed-shaped epoch of each cell, for scripts/bench.mjs.

One full-batch training step (N = 2717 windows, T = 7, F = 3, H = 50, one
output, many-to-one, MSE, SGD lr 0.1 momentum 0.9) of nn.RNN(tanh) / nn.LSTM
/ nn.GRU followed by nn.Linear, as the page's bench steps TfRnn / TfGated.
Median ms of --epochs steps after --warmup, with torch.set_num_threads(--threads).
Prints one JSON object: {"torch": version, "threads": n, "epochMs": {cell: ms}}.
"""
import argparse
import json
import statistics
import time

import torch

parser = argparse.ArgumentParser()
parser.add_argument('--threads', type=int, default=2)
parser.add_argument('--warmup', type=int, default=3)
parser.add_argument('--epochs', type=int, default=30)
parser.add_argument('--cells', default='rnn,lstm,gru')
args = parser.parse_args()

torch.set_num_threads(args.threads)
torch.manual_seed(1)
N, T, F, H = 2717, 7, 3, 50
x = torch.randn(N, T, F)
y = torch.randn(N, 1)
LAYERS = {
    'rnn': lambda: torch.nn.RNN(F, H, batch_first=True, nonlinearity='tanh'),
    'lstm': lambda: torch.nn.LSTM(F, H, batch_first=True),
    'gru': lambda: torch.nn.GRU(F, H, batch_first=True),
}

out = {}
for cell in args.cells.split(','):
    rnn = LAYERS[cell]()
    head = torch.nn.Linear(H, 1)
    params = list(rnn.parameters()) + list(head.parameters())
    opt = torch.optim.SGD(params, lr=0.1, momentum=0.9)

    def step():
        opt.zero_grad()
        states, _ = rnn(x)
        loss = torch.mean((head(states[:, -1, :]) - y) ** 2)
        loss.backward()
        opt.step()
        return loss.item()  # read back, as the page does

    for _ in range(args.warmup):
        step()
    times = []
    for _ in range(args.epochs):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1000)
    out[cell] = statistics.median(times)

print(json.dumps({'torch': torch.__version__, 'threads': torch.get_num_threads(), 'epochMs': out}))
