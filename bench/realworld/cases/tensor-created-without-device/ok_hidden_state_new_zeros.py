# source: https://github.com/benedekrozemberczki/pytorch_geometric_temporal/issues/18 https://github.com/lucidrains/slot-attention/issues/7
# error: RuntimeError: All input tensors must be on the same device. Received cuda:0 and cpu
# pattern: tensor-created-without-device
# shape: class
# looks-like: tensor-created-without-device
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class GConvGRU(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.out_channels = out_channels
        self.lin_z = nn.Linear(in_channels + out_channels, out_channels)
        self.lin_h = nn.Linear(in_channels + out_channels, out_channels)

    def _set_hidden_state(self, X, H):
        if H is None:
            H = X.new_zeros(X.shape[0], self.out_channels)
        return H

    def _jitter(self, mu, sigma):
        return mu + sigma * torch.randn(mu.shape, device=mu.device, dtype=mu.dtype)

    def forward(self, X, adj, H=None):
        H = self._set_hidden_state(X, H)
        Z = torch.sigmoid(self.lin_z(torch.cat([adj @ X, H], dim=-1)))
        H_tilde = torch.tanh(self.lin_h(torch.cat([adj @ X, H * Z], dim=-1)))
        noise = self._jitter(torch.zeros_like(H_tilde), torch.full_like(H_tilde, 0.01))
        return Z * H + (1 - Z) * H_tilde + noise


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = GConvGRU(4, 16).to(device)
    adj = (torch.rand(10, 10, device=device) > 0.7).float()
    H = None
    for _ in range(3):
        H = model(torch.randn(10, 4, device=device), adj, H)
    print(H.shape)
