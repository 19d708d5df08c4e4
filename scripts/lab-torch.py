#!/usr/bin/python3
"""PyTorch's numbers for the vanishing/exploding lab's gated cells.

log10 of the spectral norm of the state Jacobian ds(T)/ds(1) (s = h for the
GRU, s = (h, c) stacked into 2H for the LSTM) at T = 100, H = 32, F = 4,
x(t) ~ N(0, 1), PyTorch's default nn.LSTM / nn.GRU initialisation (seeded with
torch.manual_seed(seed)), the LSTM's forget-gate block of bias_ih raised by b
(as test-data/fixtures/gated's forget_bias_added). The one-step Jacobians come
from autograd in float64; the product is renormalised every step. Compare with
the page's Float64 reference (src/model/cell-reference.ts cellJacobianLog10Norms)
on its own seeded initialisation: same kind of values, per seed different draws.

    /usr/bin/python3 scripts/lab-torch.py
"""
import torch

torch.set_num_threads(1)
H, F, T = 32, 4, 100
def state_log10(cell, seed, bias):
    torch.manual_seed(seed)
    layer = (torch.nn.LSTM if cell == 'lstm' else torch.nn.GRU)(F, H, batch_first=True).double()
    with torch.no_grad():
        if cell == 'lstm': layer.bias_ih_l0[H:2*H] += bias
    Wi, Wh, bi, bh = layer.weight_ih_l0, layer.weight_hh_l0, layer.bias_ih_l0, layer.bias_hh_l0
    x = torch.randn(T, F, dtype=torch.float64)
    def lstm_step(s, xt):
        h, c = s[:H], s[H:]
        a = Wi @ xt + bi + Wh @ h + bh
        i, f, g, o = torch.sigmoid(a[:H]), torch.sigmoid(a[H:2*H]), torch.tanh(a[2*H:3*H]), torch.sigmoid(a[3*H:])
        c2 = f * c + i * g
        return torch.cat([o * torch.tanh(c2), c2])
    def gru_step(h, xt):
        gi = Wi @ xt + bi; gh = Wh @ h + bh
        r = torch.sigmoid(gi[:H] + gh[:H]); z = torch.sigmoid(gi[H:2*H] + gh[H:2*H])
        n = torch.tanh(gi[2*H:] + r * gh[2*H:])
        return (1 - z) * n + z * h
    step = lstm_step if cell == 'lstm' else gru_step
    S = 2 * H if cell == 'lstm' else H
    s = torch.zeros(S, dtype=torch.float64)
    with torch.no_grad():
        s = step(s, x[0])  # s(1)
    M = torch.eye(S, dtype=torch.float64); log10scale = 0.0
    for t in range(1, T):
        J = torch.autograd.functional.jacobian(lambda q: step(q, x[t]), s)
        M = J @ M
        n = torch.linalg.norm(M); M = M / n; log10scale += torch.log10(n).item()
        with torch.no_grad():
            s = step(s, x[t])
    return log10scale + torch.log10(torch.linalg.matrix_norm(M, ord=2)).item()
print(f'log10 ||ds(T)/ds(1)||_2, T = {T}, H = {H}, seeds 1 2 3')
for label, cell, b in [('lstm b=0','lstm',0.),('lstm b=1','lstm',1.),('lstm b=2','lstm',2.),('lstm b=3','lstm',3.),('gru','gru',0.)]:
    vals = [state_log10(cell, s, b) for s in (1, 2, 3)]
    print(label, ' '.join(f'{v:.2f}' for v in vals))
