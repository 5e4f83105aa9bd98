# source: https://github.com/qubvel-org/segmentation_models.pytorch/issues/197
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 'target' in call to _thnn_nll_loss2d_forward
# pattern: loss-target-dtype
# shape: multi-file, class, loader-loop
# cpu: raises "expected target dtype to be Long or Byte, but got Float"
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from dataset import CLASSES, SegDataset
from epoch import TrainEpoch

DEVICE = "cuda" if torch.cuda.is_available() else "cpu"


def build_model(n_classes):
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(inplace=True),
        nn.Conv2d(16, n_classes, 1),
    )


def normalize(image):
    return (image / 255.0 - 0.45) / 0.25


if __name__ == "__main__":
    model = build_model(len(CLASSES))
    train_dataset = SegDataset(ids=list(range(8)), classes=CLASSES, preprocessing=normalize)
    train_loader = DataLoader(train_dataset, batch_size=4, shuffle=True)
    loss = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    train_epoch = TrainEpoch(model, loss=loss, optimizer=optimizer, device=DEVICE)
    for i in range(2):
        print("Epoch", i)
        train_logs = train_epoch.run(train_loader)
