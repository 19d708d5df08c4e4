#!/usr/bin/python3
"""The memory-span experiment in PyTorch, on the page's own data, initial
weights and batch order, to check src/train/memory-span.ts against.

For each lag L and each curve (rnn, lstm, lstm+B = LSTM with B added to the
forget gate's bias_ih at init, gru): the long-lag series of the page
(src/data/samples.ts: input(t) ~ N(0, 1) from the page's seeded generator,
target(t) = input(t - L)), windows of L inputs forecasting the next row's
target, 70 % chronological split, standardised on the training rows
(src/data/dataset.ts); nn.RNN (tanh) / nn.LSTM / nn.GRU + nn.Linear(H, 1),
initialised with the page's seeded numbers (src/model/init.ts, gated-init.ts;
the simple cell's one bias is bias_ih, bias_hh is held at 0), MSE, Adam
(eps 1e-7, as the page), global-norm clipping, mini-batches cut from the
page's shuffle (permutation(N, derive_seed(seed, 1 + epoch))). Reported: test
RMSE / persistence RMSE after the last epoch, and what forecasting the
training mean scores on the same scale (the "learnt nothing" level).
With --torch-init the weights are PyTorch's own default draws instead
(torch.manual_seed(seed)), the data and batches still the page's.

    /usr/bin/python3 scripts/memory-span-torch.py [--seeds 1,2,3]
        [--curves rnn,lstm,lstm+3,gru] [--lags 5,10,20] [--rows 2000]
        [--epochs 40] [--lr 0.01] [--hidden 16] [--batch 64] [--clip 1]
        [--torch-init] [--json FILE]
"""
import argparse
import json
import math
import struct
import sys
import time

import torch

MASK32 = 0xFFFFFFFF


# --- the page's generator (src/model/random.ts), bit for bit -----------------

def splitmix32(state):
    s = state & MASK32

    def next_word():
        nonlocal s
        s = (s + 0x9E3779B9) & MASK32
        z = ((s ^ (s >> 16)) * 0x85EBCA6B) & MASK32
        z = ((z ^ (z >> 13)) * 0xC2B2AE35) & MASK32
        return z ^ (z >> 16)

    return next_word


def derive_seed(seed, stream):
    mix = splitmix32((int(seed) & MASK32) ^ (((stream + 1) * 0x27D4EB2D) & MASK32))
    mix()
    return mix()


LN2_HI = 6.93147180369123816490e-1
LN2_LO = 1.90821492927058770002e-10


def portable_log(x):
    """random.ts portableLog: ln x from + - * / only (same rounding as the page)."""
    e = 0
    if x < 2.2250738585072014e-308:
        x *= 18014398509481984.0
        e = -54
    bits = struct.unpack('>Q', struct.pack('>d', x))[0]
    e += ((bits >> 52) & 0x7FF) - 1023
    m = struct.unpack('>d', struct.pack('>Q', (bits & 0x000FFFFFFFFFFFFF) | 0x3FF0000000000000))[0]
    if m > 1.4142135623730951:
        m /= 2
        e += 1
    z = (m - 1) / (m + 1)
    z2 = z * z
    term = z
    total = 0.0
    for k in range(13):
        total += term / (2 * k + 1)
        term *= z2
    return e * LN2_HI + (2 * total + e * LN2_LO)


class Rng:
    """sfc32 seeded through splitmix32, 12 warm-up draws; polar-method normals."""

    def __init__(self, seed):
        mix = splitmix32(int(seed) & MASK32)
        self.a, self.b, self.c, self.d = mix(), mix(), mix(), mix()
        self.spare = None
        for _ in range(12):
            self.next32()

    def next32(self):
        t = (self.a + self.b + self.d) & MASK32
        self.d = (self.d + 1) & MASK32
        self.a = self.b ^ (self.b >> 9)
        self.b = (self.c + (self.c << 3)) & MASK32
        self.c = (((self.c << 21) | (self.c >> 11)) + t) & MASK32
        return t

    def uniform(self):
        return self.next32() * 2.0 ** -32

    def normal(self):
        if self.spare is not None:
            z, self.spare = self.spare, None
            return z
        while True:
            u = 2 * self.uniform() - 1
            v = 2 * self.uniform() - 1
            s = u * u + v * v
            if 0 < s < 1:
                break
        f = math.sqrt((-2 * portable_log(s)) / s)
        self.spare = v * f
        return u * f


def permutation(n, seed):
    rng = Rng(seed)
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = math.floor(rng.uniform() * (i + 1))
        order[i], order[j] = order[j], order[i]
    return order


# --- the task (samples.ts long-lag, dataset.ts windows) ----------------------

def mean_std(v):
    m = sum(v) / len(v)
    s = math.sqrt(sum((a - m) ** 2 for a in v) / len(v))
    return m, (s if s > 1e-12 * max(1, abs(m)) else 1.0)


def span_task(lag, rows, seed, train_fraction):
    rng = Rng(seed)
    raw = [rng.normal() for _ in range(rows + lag)]
    inp, target = raw[lag:], raw[:rows]
    T = lag
    cut = math.floor(train_fraction * rows)
    x_mean, x_std = mean_std(inp[:cut])
    y_mean, y_std = mean_std(target[:cut])

    def split(first_last, n):
        x = [[[(inp[l - T + 1 + t] - x_mean) / x_std] for t in range(T)] for l in range(first_last, first_last + n)]
        y = [(target[l + 1] - y_mean) / y_std for l in range(first_last, first_last + n)]
        actual = [target[l + 1] for l in range(first_last, first_last + n)]
        previous = [target[l] for l in range(first_last, first_last + n)]
        return torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32).view(-1, 1), actual, previous

    n_train = cut - T
    first_test = max(cut - 1, T - 1)
    n_test = rows - 1 - first_test
    if n_train < 2 or n_test < 2:
        raise SystemExit(f'lag {lag} with {rows} rows leaves {n_train} training and {n_test} test windows')
    train = split(T - 1, n_train)
    test = split(first_test, n_test)
    rmse = lambda pred, act: math.sqrt(sum((p - a) ** 2 for p, a in zip(pred, act)) / len(act))
    return {
        'train': train, 'test': test, 'y_mean': y_mean, 'y_std': y_std,
        'persistence_rmse': rmse(test[3], test[2]),
        'mean_rmse': rmse([y_mean] * n_test, test[2]),
        'rmse': rmse,
    }


# --- models, initialised with the page's numbers (init.ts, gated-init.ts) -----

def uniform_array(n, bound, seed):
    rng = Rng(seed)
    return [(2 * rng.uniform() - 1) * bound for _ in range(n)]


class Net(torch.nn.Module):
    def __init__(self, cell, H, forget_bias, seed, torch_init):
        super().__init__()
        self.cell = cell
        F = 1
        if torch_init:
            torch.manual_seed(seed)
        layer = {'rnn': torch.nn.RNN, 'lstm': torch.nn.LSTM, 'gru': torch.nn.GRU}[cell]
        self.rnn = layer(F, H, batch_first=True)
        self.out = torch.nn.Linear(H, 1)
        bound = 1 / math.sqrt(H)
        with torch.no_grad():
            if not torch_init:
                def put(t, stream):
                    t.copy_(torch.tensor(uniform_array(t.numel(), bound, derive_seed(seed, stream)), dtype=torch.float32).view_as(t))
                if cell == 'rnn':  # W, U, b, V, c: streams 0..4
                    put(self.rnn.weight_hh_l0, 0); put(self.rnn.weight_ih_l0, 1); put(self.rnn.bias_ih_l0, 2)
                    put(self.out.weight, 3); put(self.out.bias, 4)
                else:  # weight_ih, weight_hh, bias_ih, bias_hh, V, c: streams 10..15
                    put(self.rnn.weight_ih_l0, 10); put(self.rnn.weight_hh_l0, 11); put(self.rnn.bias_ih_l0, 12)
                    put(self.rnn.bias_hh_l0, 13); put(self.out.weight, 14); put(self.out.bias, 15)
            if cell == 'rnn':  # the page's simple cell has one bias
                if not torch_init:
                    self.rnn.bias_hh_l0.zero_()
                    self.rnn.bias_hh_l0.requires_grad_(False)
            if cell == 'lstm':
                self.rnn.bias_ih_l0[H:2 * H] += forget_bias

    def forward(self, x):
        seq, _ = self.rnn(x)
        return self.out(seq[:, -1, :])


def run(cell, forget_bias, task, a, seed):
    torch.manual_seed(seed)
    net = Net(cell, a.hidden, forget_bias, seed, a.torch_init)
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=a.lr, betas=(0.9, 0.999), eps=1e-7)
    x, y, _, _ = task['train']
    n = len(y)
    B = a.batch if 0 < a.batch < n else n
    t0 = time.perf_counter()
    train_loss = float('nan')
    for epoch in range(a.epochs):
        order = torch.tensor(permutation(n, derive_seed(seed, 1 + epoch))) if B < n else torch.arange(n)
        total = 0.0
        for s in range(0, n, B):
            idx = order[s:s + B]
            loss = torch.nn.functional.mse_loss(net(x[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            if a.clip > 0:
                torch.nn.utils.clip_grad_norm_(params, a.clip)
            opt.step()
            total += loss.item() * len(idx) / n
        train_loss = total
    with torch.no_grad():
        xt, _, actual, _ = task['test']
        pred = (net(xt).view(-1).double() * task['y_std'] + task['y_mean']).tolist()
    rmse = task['rmse'](pred, actual)
    return {
        'cell': cell, 'forgetBias': forget_bias, 'testRmse': rmse, 'persistenceRmse': task['persistence_rmse'],
        'ratio': rmse / task['persistence_rmse'], 'nothingRatio': task['mean_rmse'] / task['persistence_rmse'],
        'trainLoss': train_loss, 'ms': 1000 * (time.perf_counter() - t0),
    }


def parse_curve(k):
    if k.startswith('lstm') and len(k) > 4:
        return 'lstm', float(k[4:])
    return k, 0.0


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--seeds', default='1')
    p.add_argument('--curves', default='rnn,lstm,lstm+3,gru')
    p.add_argument('--lags', default='5,10,20,30,40,60')
    p.add_argument('--rows', type=int, default=2000)
    p.add_argument('--epochs', type=int, default=40)
    p.add_argument('--lr', type=float, default=0.01)
    p.add_argument('--hidden', type=int, default=16)
    p.add_argument('--batch', type=int, default=64)
    p.add_argument('--clip', type=float, default=1.0)
    p.add_argument('--train-fraction', type=float, default=0.7)
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--torch-init', action='store_true')
    p.add_argument('--json')
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    seeds = [int(s) for s in a.seeds.split(',')]
    lags = [int(s) for s in a.lags.split(',')]
    curves = [k.strip() for k in a.curves.split(',') if k.strip()]
    print(f'torch {torch.__version__}, {a.threads} thread(s); rows {a.rows}, epochs {a.epochs}, lr {a.lr}, H {a.hidden}, '
          f'batch {a.batch}; lags {lags}; curves {curves}; seeds {seeds}; init {"torch" if a.torch_init else "page"}', file=sys.stderr)
    results = []
    for seed in seeds:
        for lag in lags:
            task = span_task(lag, a.rows, seed, a.train_fraction)
            for key in curves:
                cell, b = parse_curve(key)
                r = run(cell, b, task, a, seed)
                r.update(seed=seed, lag=lag, key=key)
                results.append(r)
                print(f'seed {seed} L {lag:3d} {key:7s} ratio {r["ratio"]:.3f} (nothing {r["nothingRatio"]:.3f}) '
                      f'train {r["trainLoss"]:.3f}  {r["ms"] / 1000:.2f} s', file=sys.stderr, flush=True)
    if a.json:
        with open(a.json, 'w') as f:
            json.dump({'settings': vars(a), 'results': results}, f, indent=1)


if __name__ == '__main__':
    main()
