# source: https://github.com/pytorch/pytorch/issues/118280
# error: RuntimeError: expected scalar type Long but found Float
# pattern: integer-input
# shape: class, helper
# bug-lines: 36, 45, 54
# cpu: raises "mat1 and mat2 must have the same dtype, but got Long and Float"
# needs: torch

import torch
from torch import nn

device = "cuda" if torch.cuda.is_available() else "cpu"


class VestibularNetwork(nn.Module):
    def __init__(self, num_labels=4, hidden_units=32, num_classes=3):
        super().__init__()
        self.video_block = nn.Sequential(
            nn.Conv3d(3, 8, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.AdaptiveAvgPool3d(1),
            nn.Flatten(),
            nn.Linear(8, hidden_units),
        )
        self.label_block = nn.Sequential(
            nn.Linear(num_labels, hidden_units),
            nn.ReLU(),
        )
        self.classifier = nn.Sequential(
            nn.Dropout(0.2),
            nn.Linear(hidden_units * 2, num_classes),
        )

    def forward(self, video_frames, labels):
        video_x = self.video_block(video_frames)
        label_x = self.label_block(labels)
        x = torch.cat((video_x, label_x), dim=1)
        return self.classifier(x)


def make_random_inputs(batch_size=2, frames=4, size=16, num_labels=4):
    random_video_frames = torch.rand(
        size=(batch_size, 3, frames, size, size), device=device
    )
    random_labels = torch.randint(0, 2, size=(batch_size, num_labels), device=device)
    return random_video_frames, random_labels


model = VestibularNetwork(num_labels=4).to(device)
model.eval()

random_video_frames, random_labels = make_random_inputs()
with torch.inference_mode():
    pred = model(random_video_frames, random_labels)
print(pred.softmax(dim=1))
