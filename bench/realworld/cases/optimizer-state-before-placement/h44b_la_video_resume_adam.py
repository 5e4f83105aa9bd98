# source: https://github.com/jfzhang95/pytorch-video-recognition/issues/20
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: helper, loader-loop
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
"""3D-CNN clip classifier for echocardiography views with resume support.
The network is placed on the device before the optimizer is built and its
saved state restored, so the restored momentum buffers follow the params."""
import os
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class C3DSmall(nn.Module):
    def __init__(self, num_classes=5):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv3d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool3d((1, 2, 2)),
            nn.Conv3d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool3d(2),
            nn.AdaptiveAvgPool3d(1), nn.Flatten(),
        )
        self.fc = nn.Linear(64, num_classes)

    def forward(self, x):
        return self.fc(self.features(x))


def train_model(save_dir, resume_epoch=0, num_epochs=30, lr=1e-3):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = C3DSmall()
    criterion = nn.CrossEntropyLoss()
    if resume_epoch:
        ckpt_path = os.path.join(save_dir, f"C3D_epoch-{resume_epoch - 1}.pth.tar")
        checkpoint = torch.load(ckpt_path, map_location=lambda storage, loc: storage)
        model.load_state_dict(checkpoint["state_dict"])
    model.to(device)
    criterion.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=5e-4)
    if resume_epoch:
        optimizer.load_state_dict(checkpoint["opt_dict"])

    loader = DataLoader(TensorDataset(torch.randn(32, 1, 16, 112, 112),
                                      torch.randint(0, 5, (32,))), batch_size=4, shuffle=True)
    for epoch in range(resume_epoch, num_epochs):
        model.train()
        for clips, labels in loader:
            clips, labels = clips.to(device), labels.to(device)
            loss = criterion(model(clips), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        torch.save({"epoch": epoch + 1, "state_dict": model.state_dict(),
                    "opt_dict": optimizer.state_dict()},
                   os.path.join(save_dir, f"C3D_epoch-{epoch}.pth.tar"))


if __name__ == "__main__":
    train_model("run/echo_views", resume_epoch=5)
