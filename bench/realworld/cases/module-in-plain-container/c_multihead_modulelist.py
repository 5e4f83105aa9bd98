# source: https://github.com/hearai/hearai/pull/86
# error: none (correct look-alike)
# pattern: module-in-plain-container
# shape: class, loader-loop, batch-dict
# looks-like: module-in-plain-container
# cpu: clean
# needs: torch
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset


class HeadClassificationSequentialModel(nn.Module):
    def __init__(self, classes_number, representation_size, additional_layers=0):
        super().__init__()
        layers = []
        for _ in range(additional_layers):
            layers += [nn.Linear(representation_size, representation_size), nn.ReLU()]
        layers.append(nn.Linear(representation_size, classes_number))
        self.model = nn.Sequential(*layers)

    def forward(self, x):
        return self.model(x)


class MultiHeadModel(nn.Module):
    def __init__(self, classification_heads, input_size=24, output_size=48, additional_layers=1):
        super().__init__()
        self.classification_heads = classification_heads
        self.transformer = nn.Sequential(nn.Linear(input_size, output_size), nn.GELU())
        self.cls_head = nn.ModuleList()
        self.loss_weights = []
        for value in classification_heads.values():
            self.cls_head.append(HeadClassificationSequentialModel(
                classes_number=value["num_class"], representation_size=output_size,
                additional_layers=additional_layers))
            self.loss_weights.append(value["loss_weight"])

    def forward(self, x):
        x = self.transformer(x)
        predictions = []
        for head in self.cls_head:
            predictions.append(head(x))
        return predictions


class SignDataset(Dataset):
    def __init__(self, heads, n=32, input_size=24):
        self.x = torch.randn(n, input_size)
        self.targets = {name: torch.randint(0, h["num_class"], (n,)) for name, h in heads.items()}

    def __len__(self):
        return self.x.size(0)

    def __getitem__(self, i):
        return {"x": self.x[i], "targets": {k: v[i] for k, v in self.targets.items()}}


if __name__ == "__main__":
    heads = {"handshape": {"num_class": 10, "loss_weight": 1.0},
             "location": {"num_class": 6, "loss_weight": 0.5}}
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = MultiHeadModel(heads).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    for batch in DataLoader(SignDataset(heads), batch_size=8):
        x = batch["x"].to(device)
        targets = [batch["targets"][name].to(device) for name in heads]
        predictions = model(x)
        loss = sum(w * criterion(p, t) for w, p, t in zip(model.loss_weights, predictions, targets))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(loss.item())
