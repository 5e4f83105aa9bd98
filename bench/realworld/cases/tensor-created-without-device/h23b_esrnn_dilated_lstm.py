# source: https://github.com/kdgutier/esrnn_torch/issues/14
# error: RuntimeError: Input and hidden tensors are not at the same device, found input tensor at cuda:0 and hidden tensor at cpu
# pattern: tensor-created-without-device
# shape: class, loader-loop
# bug-lines: 33, 34
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class DRNN(nn.Module):
    """Stack of dilated LSTMs used by the ES-RNN forecaster."""

    def __init__(self, n_input, n_hidden, dilations=(1, 6)):
        super().__init__()
        self.dilations = dilations
        self.cells = nn.ModuleList(
            [nn.LSTM(n_input if i == 0 else n_hidden, n_hidden) for i in range(len(dilations))])

    def _pad(self, x, rate):
        steps = x.size(0)
        if steps % rate == 0:
            return x
        pad = torch.zeros(rate - steps % rate, x.size(1), x.size(2), device=x.device, dtype=x.dtype)
        return torch.cat([x, pad], dim=0)

    def _dilated_layer(self, cell, x, rate):
        steps = x.size(0)
        x = self._pad(x, rate)
        dilated = torch.cat([x[j::rate] for j in range(rate)], dim=1)
        batch = dilated.size(1)
        h0 = torch.zeros(1, batch, cell.hidden_size)
        c0 = torch.zeros(1, batch, cell.hidden_size)
        out, _ = cell(dilated, (h0, c0))
        out = torch.stack(out.chunk(rate, dim=1), dim=1).reshape(-1, x.size(1), out.size(-1))
        return out[:steps]

    def forward(self, x):
        for cell, rate in zip(self.cells, self.dilations):
            x = self._dilated_layer(cell, x, rate)
        return x


class ESRNNForecaster(nn.Module):
    def __init__(self, input_size=4, output_size=6, state_hsize=40):
        super().__init__()
        self.drnn = DRNN(input_size, state_hsize)
        self.adapter = nn.Linear(state_hsize, output_size)

    def forward(self, windows):
        return self.adapter(self.drnn(windows))


def fit(model, loader, device, epochs=25, lr=1e-4):
    model.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for epoch in range(epochs):
        for batch in loader:
            windows = batch["insample"].to(device).transpose(0, 1)
            target = batch["outsample"].to(device).transpose(0, 1)
            pred = model(windows)
            loss = nn.functional.l1_loss(pred[-target.size(0):], target)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 50)
            opt.step()
