# source: https://github.com/vkhoi/KTH-Action-Recognition/issues/8
# error: RuntimeError: Expected object of scalar type Long but got scalar type Byte for argument #2 'target'
# pattern: loss-target-dtype
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from data import CATEGORIES, make_loader
from train_helper import train


class CNNSingleFrame(nn.Module):
    def __init__(self, num_classes=len(CATEGORIES)):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.AdaptiveAvgPool2d(4),
        )
        self.classifier = nn.Sequential(nn.Flatten(), nn.Dropout(0.5), nn.Linear(64 * 16, num_classes))

    def forward(self, x):
        return self.classifier(self.features(x))


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_loader = make_loader("data/train.p", batch_size=64, shuffle=True)
    val_loader = make_loader("data/dev.p", batch_size=128, shuffle=False)

    model = CNNSingleFrame().to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)
    train(model, train_loader, val_loader, criterion, optimizer, device, num_epochs=20)
    torch.save(model.state_dict(), "cnn_single_frame.pt")


if __name__ == "__main__":
    main()
