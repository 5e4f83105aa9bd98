# source: https://github.com/pyannote/pyannote-audio/pull/1518
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Sliding-window diarization: local speaker activities come from a small
segmentation net on the GPU, then one embedding is extracted per (chunk,
local speaker) pair and clustered."""
import numpy as np
import torch
import torch.nn as nn

from embedding import ONNXSpeakerEmbedding


class Segmenter(nn.Module):
    def __init__(self, max_speakers=3):
        super().__init__()
        self.frontend = nn.Conv1d(1, 64, 251, stride=160)
        self.rnn = nn.LSTM(64, 64, batch_first=True, bidirectional=True)
        self.head = nn.Linear(128, max_speakers)

    def forward(self, wav):
        h, _ = self.rnn(self.frontend(wav).transpose(1, 2))
        return self.head(h).sigmoid()


def sliding_chunks(waveform, sr=16000, duration=5.0, step=2.5):
    size, hop = int(duration * sr), int(step * sr)
    starts = range(0, waveform.shape[-1] - size + 1, hop)
    return torch.stack([waveform[:, s:s + size] for s in starts])


def diarize(waveform, segmenter, embedder, device, batch_size=8):
    chunks = sliding_chunks(waveform)
    all_embs = []
    for b in range(0, len(chunks), batch_size):
        batch = chunks[b:b + batch_size].to(device)
        with torch.no_grad():
            activity = segmenter(batch)
        for spk in range(activity.shape[-1]):
            all_embs.append(embedder(batch, activity[..., spk]))
    return np.concatenate(all_embs)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    segmenter = Segmenter().to(device).eval()
    embedder = ONNXSpeakerEmbedding("models/wespeaker-resnet34.onnx").to(device)
    audio = torch.randn(1, 16000 * 60)
    embs = diarize(audio, segmenter, embedder, device)
    print(embs.shape)
