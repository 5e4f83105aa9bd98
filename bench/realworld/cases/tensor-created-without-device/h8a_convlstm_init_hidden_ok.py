# source: https://github.com/ndrplz/ConvLSTM_pytorch/pull/10
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# looks-like: tensor-created-without-device
# shape: class, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class ConvLSTMCell(nn.Module):
    def __init__(self, in_ch, hidden_ch, kernel_size=3):
        super().__init__()
        self.hidden_ch = hidden_ch
        self.conv = nn.Conv2d(in_ch + hidden_ch, 4 * hidden_ch, kernel_size, padding=kernel_size // 2)

    def forward(self, x, state):
        h, c = state
        i, f, o, g = torch.split(self.conv(torch.cat([x, h], dim=1)), self.hidden_ch, dim=1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        h = torch.sigmoid(o) * torch.tanh(c)
        return h, c

    def init_hidden(self, batch_size, image_size):
        height, width = image_size
        device = self.conv.weight.device
        return (torch.zeros(batch_size, self.hidden_ch, height, width, device=device),
                torch.zeros(batch_size, self.hidden_ch, height, width, device=device))


class ConvLSTM(nn.Module):
    def __init__(self, in_ch, hidden_dims, kernel_size=3):
        super().__init__()
        dims = [in_ch] + list(hidden_dims)
        self.cells = nn.ModuleList(ConvLSTMCell(dims[i], dims[i + 1], kernel_size)
                                   for i in range(len(hidden_dims)))

    def forward(self, seq, hidden_state=None):
        # seq: (B, T, C, H, W)
        b, t, _, h, w = seq.size()
        if hidden_state is None:
            hidden_state = [cell.init_hidden(b, (h, w)) for cell in self.cells]
        layer_input = seq
        last_states = []
        for cell, (hx, cx) in zip(self.cells, hidden_state):
            outputs = []
            for step in range(t):
                hx, cx = cell(layer_input[:, step], (hx, cx))
                outputs.append(hx)
            layer_input = torch.stack(outputs, dim=1)
            last_states.append((hx, cx))
        return layer_input, last_states


class NextFramePredictor(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = ConvLSTM(1, [32, 32])
        self.head = nn.Conv2d(32, 1, kernel_size=1)

    def forward(self, frames):
        out, _ = self.rnn(frames)
        return torch.sigmoid(self.head(out[:, -1]))


if __name__ == "__main__":
    from torch.utils.data import DataLoader, TensorDataset

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = NextFramePredictor().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    clips = torch.rand(256, 11, 1, 64, 64)
    loader = DataLoader(TensorDataset(clips[:, :10], clips[:, 10]), batch_size=16, shuffle=True)
    for frames, target in loader:
        frames, target = frames.to(device), target.to(device)
        loss = nn.functional.binary_cross_entropy(model(frames), target)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print("last loss", loss.item())
