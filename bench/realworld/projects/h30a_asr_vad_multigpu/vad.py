# source: https://github.com/m-bain/whisperX/issues/785 https://github.com/m-bain/whisperX/pull/835
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0! (when checking argument for argument weight in method wrapper_CUDA__cudnn_batch_norm)
# pattern: current-gpu-mismatch
# shape: multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class SegmentationNet(nn.Module):
    """Frame-level speech/non-speech classifier over raw 16 kHz audio."""

    def __init__(self, hidden=128):
        super().__init__()
        self.sincnet = nn.Sequential(
            nn.Conv1d(1, 80, 251, stride=10), nn.BatchNorm1d(80), nn.LeakyReLU(),
            nn.Conv1d(80, 60, 5, stride=3), nn.BatchNorm1d(60), nn.LeakyReLU())
        self.lstm = nn.LSTM(60, hidden, batch_first=True, bidirectional=True)
        self.classifier = nn.Linear(2 * hidden, 1)

    def forward(self, waveform):
        x = self.sincnet(waveform).transpose(1, 2)
        x, _ = self.lstm(x)
        return torch.sigmoid(self.classifier(x)).squeeze(-1)


def load_vad_model(device, checkpoint="models/vad_segmentation.bin", onset=0.5):
    model = SegmentationNet()
    model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    model.eval().to(device)
    model.onset = onset
    return model


def merge_chunks(probs, onset, frame_seconds=0.0169, chunk_size=30.0):
    active = (probs > onset).nonzero().flatten().tolist()
    segments, start = [], None
    for prev, cur in zip([None] + active, active + [None]):
        if start is None:
            start = cur
        elif cur is None or cur != prev + 1 or (cur - start) * frame_seconds > chunk_size:
            segments.append((start * frame_seconds, prev * frame_seconds))
            start = cur
    return segments
