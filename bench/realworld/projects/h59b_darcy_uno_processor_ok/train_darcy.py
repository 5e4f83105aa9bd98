# source: https://github.com/neuraloperator/neuraloperator/issues/279
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, loader-loop
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader

from data import DarcyDataset, DataProcessor, UnitGaussianNormalizer
from model import UNO


def relative_l2(pred, y):
    diff = (pred - y).flatten(1).norm(dim=1)
    return (diff / y.flatten(1).norm(dim=1)).mean()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    train_set = DarcyDataset("data/darcy_train_32.pt", n_samples=1000)
    test_set = DarcyDataset("data/darcy_test_32.pt", n_samples=100)
    train_loader = DataLoader(train_set, batch_size=32, shuffle=True)
    test_loader = DataLoader(test_set, batch_size=32)

    data_processor = DataProcessor(UnitGaussianNormalizer(train_set.x), UnitGaussianNormalizer(train_set.y))
    data_processor = data_processor.to(device)
    model = UNO().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=8e-3, weight_decay=1e-4)

    for epoch in range(30):
        model.train()
        for sample in train_loader:
            sample = data_processor.preprocess(sample)
            out = model(**sample)
            loss = relative_l2(out, sample["y"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            errs = []
            for sample in test_loader:
                sample = data_processor.preprocess(sample)
                out, sample = data_processor.postprocess(model(**sample), sample)
                errs.append(relative_l2(out, sample["y"]).item())
        print(f"epoch {epoch}: test rel-L2 {sum(errs) / len(errs):.4f}")
