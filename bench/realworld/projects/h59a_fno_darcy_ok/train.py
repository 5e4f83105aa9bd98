# source: https://github.com/neuraloperator/neuraloperator/pull/449
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: multi-file, class, loader-loop, batch-dict
# looks-like: discarded-tensor-move
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train an FNO on 64x64 Darcy flow (coefficient field -> pressure)."""
import torch
from torch.utils.data import DataLoader, Dataset

from model import FNO2d
from processor import DarcyDataProcessor, UnitGaussianNormalizer


class DarcyDataset(Dataset):
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __len__(self):
        return self.x.shape[0]

    def __getitem__(self, i):
        return {"x": self.x[i], "y": self.y[i]}


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = torch.load("data/darcy_train_64.pt")
    x, y = data["x"].unsqueeze(1).float(), data["y"].unsqueeze(1).float()
    loader = DataLoader(DarcyDataset(x, y), batch_size=32, shuffle=True)

    model = FNO2d(modes=12, width=32)
    model.to(device)
    data_processor = DarcyDataProcessor(UnitGaussianNormalizer.fit(x), UnitGaussianNormalizer.fit(y))
    data_processor.to(device)

    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)
    for epoch in range(100):
        model.train()
        data_processor.train()
        for sample in loader:
            sample = data_processor.preprocess(sample)
            out = model(sample["x"])
            out, sample = data_processor.postprocess(out, sample)
            loss = torch.linalg.vector_norm(out - sample["y"]) / torch.linalg.vector_norm(sample["y"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: rel-l2 {loss.item():.4f}")


if __name__ == "__main__":
    main()
