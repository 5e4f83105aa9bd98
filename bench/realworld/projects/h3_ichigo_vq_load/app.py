# source: https://github.com/janhq/ichigo/pull/219
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file
# cpu: no needs a checkpoint that was saved from CUDA tensors
# needs: torch
import sys

import torch

from quantizer import RQBottleneckTransformer

device = "cuda" if torch.cuda.is_available() else "cpu"


def tokenize_audio(vq, mel_frames):
    mel = torch.as_tensor(mel_frames, dtype=torch.float32, device=device).unsqueeze(0)
    codes = vq.encode_mel(mel)[0].tolist()
    return "<|sound_start|>" + "".join(f"<|sound_{c:04d}|>" for c in codes) + "<|sound_end|>"


def main(ref):
    vq = RQBottleneckTransformer.load_model(ref).to(device)
    mel_frames = torch.randn(80, 300)
    print(tokenize_audio(vq, mel_frames)[:120])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "homebrewltd/ichigo-whisper:merge-medium-vi-2d-2560c-dim64.pth")
