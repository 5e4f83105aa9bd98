# source: https://github.com/NVIDIA-Merlin/Transformers4Rec/pull/113
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: module-in-plain-container
# shape: class, batch-dict
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class ContinuousFeatures(nn.Module):
    def __init__(self, names, out_dim):
        super().__init__()
        self.names = list(names)
        self.proj = nn.Linear(len(self.names), out_dim)

    def forward(self, batch):
        return self.proj(torch.stack([batch[n].float() for n in self.names], dim=-1))


class CategoricalFeatures(nn.Module):
    def __init__(self, cardinalities, dim):
        super().__init__()
        self.tables = nn.ModuleDict({name: nn.Embedding(card + 1, dim, padding_idx=0)
                                     for name, card in cardinalities.items()})

    def forward(self, batch):
        return torch.cat([table(batch[name]) for name, table in self.tables.items()], dim=-1)


class TabularSequenceFeatures(nn.Module):
    def __init__(self, cardinalities, continuous, dim=64, d_model=128):
        super().__init__()
        to_merge = {
            "categorical": CategoricalFeatures(cardinalities, dim),
            "continuous": ContinuousFeatures(continuous, dim),
        }
        self.to_merge = nn.ModuleDict(to_merge)
        merged_dim = dim * len(cardinalities) + dim
        self.projection = nn.Linear(merged_dim, d_model)

    def forward(self, batch):
        parts = [module(batch) for module in self.to_merge.values()]
        return self.projection(torch.cat(parts, dim=-1))


class NextItemModel(nn.Module):
    def __init__(self, cardinalities, continuous, num_items, d_model=128):
        super().__init__()
        self.inputs = TabularSequenceFeatures(cardinalities, continuous, d_model=d_model)
        layer = nn.TransformerEncoderLayer(d_model, nhead=4, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=2)
        self.head = nn.Linear(d_model, num_items)

    def forward(self, batch):
        return self.head(self.encoder(self.inputs(batch))[:, -1])


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    cards = {"item_id": 5000, "category": 120}
    model = NextItemModel(cards, ["price", "age_days"], num_items=5001).to(device)
    batch = {
        "item_id": torch.randint(1, 5000, (8, 20)),
        "category": torch.randint(1, 120, (8, 20)),
        "price": torch.rand(8, 20),
        "age_days": torch.rand(8, 20) * 30,
    }
    batch = {k: v.to(device) for k, v in batch.items()}
    print(model(batch).shape)
