# source: https://github.com/jongwook/onsets-and-frames/issues/21
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: torch-load-map-location
# shape: multi-file, helper
# bug-lines: 22
# cpu: clean
# needs: torch
import os

import torch

from train import MODEL_PATH, train

DEFAULT_DEVICE = "cpu"


def load_audio(n_samples=2048):
    return torch.randn(n_samples).clamp(-1, 1)


def transcribe(model_file, audio_paths, device=DEFAULT_DEVICE):
    model = torch.load(model_file, weights_only=False).eval()
    results = []
    for _ in audio_paths:
        audio = load_audio().to(device)
        with torch.no_grad():
            frames = model(audio.reshape(-1, audio.shape[-1])[:, :-1])
        results.append((frames > 0.5).sum().item())
    return results


if __name__ == "__main__":
    if not os.path.exists(MODEL_PATH):
        train(MODEL_PATH)
    print(transcribe(MODEL_PATH, ["a.flac", "b.flac"]))
