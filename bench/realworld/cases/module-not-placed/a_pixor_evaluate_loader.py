# source: https://github.com/matssteinweg/PIXOR/issues/6
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: helper, loader-loop
# bug-lines: 39, 53, 56, 60
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


class BasisBlock(nn.Module):
    def __init__(self, n_in):
        super().__init__()
        self.conv1 = nn.Conv2d(n_in, 32, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(32)

    def forward(self, x):
        return torch.relu(self.bn1(self.conv1(x)))


class PIXOR(nn.Module):
    def __init__(self, n_in=36):
        super().__init__()
        self.basis_block = BasisBlock(n_in)
        self.header = nn.Conv2d(32, 7, 3, padding=1)

    def forward(self, x):
        return self.header(self.basis_block(x))


def evaluate_model(model, data_loader, distance_ranges, iou_thresholds):
    scores = {d: [] for d in distance_ranges}
    for batch_id, (batch_data, batch_labels) in enumerate(data_loader):
        batch_data = batch_data.to(device)
        batch_predictions = model(batch_data)
        conf = torch.sigmoid(batch_predictions[:, 0]).flatten(1).max(dim=1).values
        for d in distance_ranges:
            scores[d].extend(conf.tolist())
    return {d: sum(v) / max(len(v), 1) for d, v in scores.items()}


def build_loader(n=8, n_in=36):
    data = torch.rand(n, n_in, 40, 35)
    labels = torch.rand(n, 7, 40, 35)
    return DataLoader(TensorDataset(data, labels), batch_size=2, shuffle=False)


def load_pixor(path=None):
    pixor = PIXOR()
    if path is not None:
        pixor.load_state_dict(torch.load(path, map_location=device))
    return pixor.eval()


if __name__ == "__main__":
    pixor = load_pixor()
    data_loader = build_loader()
    with torch.no_grad():
        eval_dict = evaluate_model(pixor, data_loader, distance_ranges=[70, 50, 30],
                                   iou_thresholds=[0.5, 0.6, 0.7])
    print(eval_dict)
