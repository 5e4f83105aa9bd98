# source: https://github.com/pytorch/pytorch/issues/21905
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: class, helper
# bug-lines: 16, 17
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class StackedGRU(nn.Module):
    def __init__(self, input_size, hidden_size, num_layers, bias=True):
        super().__init__()
        self.hidden_size = hidden_size
        self.x2h = []
        self.h2h = []
        for layer in range(num_layers):
            in_size = input_size if layer == 0 else hidden_size
            self.x2h.append(nn.Linear(in_size, 3 * hidden_size, bias=bias))
            self.h2h.append(nn.Linear(hidden_size, 3 * hidden_size, bias=bias))

    def cell(self, layer, x, h):
        gx = self.x2h[layer](x).chunk(3, dim=-1)
        gh = self.h2h[layer](h).chunk(3, dim=-1)
        r = torch.sigmoid(gx[0] + gh[0])
        z = torch.sigmoid(gx[1] + gh[1])
        n = torch.tanh(gx[2] + r * gh[2])
        return (1 - z) * n + z * h

    def forward(self, seq):
        hs = [seq.new_zeros(seq.size(0), self.hidden_size) for _ in self.x2h]
        for t in range(seq.size(1)):
            x = seq[:, t]
            for layer in range(len(self.x2h)):
                hs[layer] = self.cell(layer, x, hs[layer])
                x = hs[layer]
        return x


def run(model, batch, device):
    return model(batch.to(device))


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = StackedGRU(input_size=8, hidden_size=16, num_layers=2)
    head = nn.Linear(16, 1)
    model.to(device)
    head.to(device)
    out = head(run(model, torch.randn(4, 10, 8), device))
    print(out.shape)
