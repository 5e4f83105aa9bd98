# source: https://github.com/AUTOMATIC1111/stable-diffusion-webui/issues/1763
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, class
# looks-like: half-on-cpu
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Batch detector for bat echolocation passes in full-spectrum recordings.
Runs in fp16 on the GPU workstation, and in fp32 on the field laptops."""
import glob
import sys

import torch
import torchaudio


def pick_runtime(prefer_half=True):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.float16 if (prefer_half and device.type == "cuda") else torch.float32
    return device, dtype


class BatPassDetector:
    def __init__(self, scripted_path, prefer_half=True):
        self.device, self.dtype = pick_runtime(prefer_half)
        net = torch.jit.load(scripted_path, map_location="cpu").eval()
        self.net = net.to(device=self.device, dtype=self.dtype)
        self.spec = torchaudio.transforms.Spectrogram(n_fft=512, hop_length=128, power=2.0).to(self.device)

    @torch.no_grad()
    def score_file(self, wav_path, window_s=1.0):
        wave, sr = torchaudio.load(wav_path)
        wave = wave.mean(0).to(self.device)
        hop = int(window_s * sr)
        windows = wave[: len(wave) // hop * hop].view(-1, hop)
        spec = torch.log1p(self.spec(windows)).unsqueeze(1)
        logits = self.net(spec.to(self.dtype))
        return torch.sigmoid(logits.float()).squeeze(1).cpu()


if __name__ == "__main__":
    detector = BatPassDetector(sys.argv[1])
    print("running on", detector.device, detector.dtype)
    for path in sorted(glob.glob(f"{sys.argv[2]}/*.wav")):
        probs = detector.score_file(path)
        print(path, int((probs > 0.5).sum()), "windows with bat passes")
