# source: https://github.com/woven-by-toyota/l5kit/issues/305
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, batch-dict, loader-loop
# looks-like: tensor-attribute-not-buffer
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class RasterizedPlanningModel(nn.Module):
    def __init__(self, in_channels, future_len, weights_scaling):
        super().__init__()
        self.future_len = future_len
        self.backbone = nn.Sequential(nn.Conv2d(in_channels, 16, 3, stride=2), nn.ReLU(),
                                      nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.head = nn.Linear(16, future_len * 3)
        self.register_buffer("weights_scaling", torch.tensor(weights_scaling))
        self.criterion = nn.MSELoss(reduction="none")

    def forward(self, data_batch):
        outputs = self.head(self.backbone(data_batch["image"])).view(-1, self.future_len, 3)
        targets = torch.cat((data_batch["target_positions"], data_batch["target_yaws"]), dim=2)
        weights = data_batch["target_availabilities"].unsqueeze(-1) * self.weights_scaling
        return torch.mean(self.criterion(outputs, targets) * weights)


def fake_batches(n, bs, future_len=12):
    for _ in range(n):
        yield {"image": torch.randn(bs, 5, 32, 32), "target_positions": torch.randn(bs, future_len, 2),
               "target_yaws": torch.randn(bs, future_len, 1), "target_availabilities": torch.ones(bs, future_len)}


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = RasterizedPlanningModel(5, 12, weights_scaling=[1.0, 1.0, 1.0]).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    for batch in fake_batches(3, 4):
        loss = model({k: v.to(device) for k, v in batch.items()})
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(loss.item())
