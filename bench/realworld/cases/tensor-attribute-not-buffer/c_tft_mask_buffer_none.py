# source: https://github.com/unit8co/darts/issues/3052
# error: none (correct look-alike)
# pattern: tensor-attribute-not-buffer
# shape: class, helper, loader-loop
# looks-like: tensor-attribute-not-buffer
# cpu: clean
# needs: torch
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class TemporalAttentionModule(nn.Module):
    def __init__(self, d_model=16, n_heads=2, output_chunk_length=2):
        super().__init__()
        self.output_chunk_length = output_chunk_length
        self.attn = nn.MultiheadAttention(d_model, n_heads, batch_first=True)
        self.proj = nn.Linear(d_model, 1)
        self.register_buffer("attention_mask", None, persistent=False)
        self.register_buffer("relative_index", None, persistent=False)

    def _get_attention_mask(self, time_steps, device):
        if self.attention_mask is None or self.attention_mask.size(0) != time_steps:
            self.attention_mask = torch.triu(
                torch.ones(time_steps, time_steps, dtype=torch.bool, device=device), diagonal=1)
        return self.attention_mask

    def _get_relative_index(self, time_steps, device):
        if self.relative_index is None or self.relative_index.size(0) != time_steps:
            idx = torch.arange(time_steps, dtype=torch.float32, device=device)
            self.relative_index = (idx - (time_steps - self.output_chunk_length)) / time_steps
        return self.relative_index

    def forward(self, x):
        T = x.size(1)
        x = x + self._get_relative_index(T, x.device).view(1, T, 1)
        out, _ = self.attn(x, x, x, attn_mask=self._get_attention_mask(T, x.device))
        return self.proj(out[:, -self.output_chunk_length:]).squeeze(-1)


def fit(model, loader, device, epochs=1):
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(epochs):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = nn.functional.mse_loss(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    model.to("cpu")
    return model


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = TensorDataset(torch.randn(32, 6, 16), torch.randn(32, 2))
    model = fit(TemporalAttentionModule(), DataLoader(data, batch_size=8), device)
    with torch.no_grad():
        print(model(torch.randn(3, 6, 16)).shape)
