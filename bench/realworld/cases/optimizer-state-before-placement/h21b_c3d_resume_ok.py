# source: https://github.com/jfzhang95/pytorch-video-recognition/issues/2
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.cuda.FloatTensor for argument #4 'other'
# pattern: optimizer-state-before-placement
# shape: helper, loader-loop
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
"""Video action recognition (C3D-style) training with resume_epoch support."""
import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

resume_epoch = 5          # change if want to resume, 0 trains from scratch
num_epochs = 30
save_dir = "run/run_1"
saveName = "C3D-ucf101"
device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


class C3DLite(nn.Module):
    def __init__(self, num_classes=101):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv3d(3, 32, 3, padding=1), nn.ReLU(), nn.MaxPool3d((1, 2, 2)),
            nn.Conv3d(32, 64, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool3d(1))
        self.fc = nn.Linear(64, num_classes)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))


def train_model(num_classes=101, lr=1e-3):
    model = C3DLite(num_classes)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.1)

    ckpt_path = os.path.join(save_dir, "models", "%s_epoch-%d.pth.tar" % (saveName, resume_epoch - 1))
    if resume_epoch == 0:
        print("Training {} from scratch...".format(saveName))
        model.to(device)
    else:
        checkpoint = torch.load(ckpt_path, map_location=lambda storage, loc: storage)
        model.load_state_dict(checkpoint["state_dict"])
        model.to(device)
        optimizer.load_state_dict(checkpoint["opt_dict"])
        print("Initializing weights from: {}...".format(ckpt_path))
    criterion.to(device)

    clips = torch.randn(32, 3, 16, 56, 56)
    labels = torch.randint(0, num_classes, (32,))
    train_loader = DataLoader(TensorDataset(clips, labels), batch_size=8, shuffle=True)
    for epoch in range(resume_epoch, num_epochs):
        model.train()
        for inputs, targets in train_loader:
            inputs, targets = inputs.to(device), targets.to(device)
            optimizer.zero_grad()
            loss = criterion(model(inputs), targets)
            loss.backward()
            optimizer.step()
        scheduler.step()
        torch.save({"epoch": epoch + 1, "state_dict": model.state_dict(),
                    "opt_dict": optimizer.state_dict()},
                   os.path.join(save_dir, "models", "%s_epoch-%d.pth.tar" % (saveName, epoch)))


if __name__ == "__main__":
    train_model()
