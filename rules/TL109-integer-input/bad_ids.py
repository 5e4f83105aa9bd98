import torch
from torch import nn


class VideoLabelNet(nn.Module):
    """Video features and a multi-hot label vector, joined for a classifier."""

    def __init__(self, num_labels=4, hidden=32, num_classes=3):
        super().__init__()
        self.video_block = nn.Sequential(nn.Conv3d(3, 8, 3, padding=1), nn.AdaptiveAvgPool3d(1), nn.Flatten())
        self.label_block = nn.Sequential(nn.Linear(num_labels, hidden - 8), nn.ReLU())
        self.classifier = nn.Linear(hidden, num_classes)

    def forward(self, frames, labels):
        return self.classifier(torch.cat((self.video_block(frames), self.label_block(labels)), dim=1))


def random_inputs(batch_size, device, num_labels=4):
    frames = torch.rand(batch_size, 3, 4, 16, 16, device=device)
    # 0/1 flags drawn as integers: a Linear computes in float
    labels = torch.randint(0, 2, (batch_size, num_labels), device=device)  # expect: TL109:14 lines=29,15
    return frames, labels


def smoke_test(device):
    model = VideoLabelNet().to(device)
    frames, labels = random_inputs(2, device)
    with torch.inference_mode():
        return model(frames, labels)


def score_buckets(scores):
    scorer = nn.Linear(1, 1)
    # bucketed scores as ids, then fed to a Linear as features
    buckets = (scores * 10).long()  # expect: TL109:15 lines=36
    return scorer(buckets)
